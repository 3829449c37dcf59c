import fs from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { ENCODER_KINDS, type EncoderKind } from "../lib/encode/options";
import { getScan, getScanReport, listScans, type ScanRow } from "../lib/db/scans";
import { AppError, errorMessage, exitCodeFor } from "../lib/errors";
import { createScanRecord, runScanInProcess } from "../lib/pipeline/scan-jobs";
import { EXPORT_TABLES, reportTable, toCsv, type ExportTable } from "../lib/report/exports";
import type { ScanReport } from "../lib/report/scan-report";
import { reportHtmlDocument } from "../lib/report/html-report";
import { reportMarkdown } from "../lib/report/summary";
import { initBackend } from "../lib/encode/backend";
import { createRuntime, type Runtime } from "../lib/runtime";
import { migrate } from "../lib/db/migrate";
import { config } from "../lib/config";
import { createLogger } from "../lib/logger";
import { createApiKey } from "../lib/api/api-keys";
import { listApiKeys, revokeApiKey } from "../lib/db/api-keys";
import { DEFAULT_WORKSPACE_ID, listWorkspaces } from "../lib/db/workspaces";
import type { Role } from "../lib/db/users";
import { createUser, createWorkspace, ROLES, workspaceOrFail } from "../lib/auth/users";
import { compareScanIds } from "../lib/pipeline/change-reports";
import { changeReportHtml, changeReportMarkdown } from "../lib/report/change-summary";
import { authenticate } from "../lib/api/api-keys";
import { serveMcp } from "../lib/mcp/stdio";
import { renderProgress } from "./progress-line";
import { describeImport, readSearchFile, registerSearchDataCommands, searchSource } from "./search-data-commands";
import { importSearchData } from "../lib/pipeline/search-import";
import type { SearchSource } from "../lib/search/types";
import { parseSearchData } from "../lib/search/parse";
import { parseRuleArgument, type ExtractionRule } from "../lib/crawl/custom-extract";
import { RENDER_MODES, type RenderMode } from "../lib/render/types";

const FORMATS = ["json", "csv", "md", "html"] as const;
type Format = (typeof FORMATS)[number];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of 1 or more");
  return n;
}

function format(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${FORMATS.join(", ")}`);
  return value as Format;
}

function encoderKind(value: string): EncoderKind {
  if (!(ENCODER_KINDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ENCODER_KINDS.join(", ")}`);
  return value as EncoderKind;
}

function renderMode(value: string): RenderMode {
  if (!(RENDER_MODES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${RENDER_MODES.join(", ")}`);
  return value as RenderMode;
}

/** Repeatable `--extract NAME=SELECTOR[@attribute]`. */
function extractRule(value: string, previous: ExtractionRule[] = []): ExtractionRule[] {
  try {
    return [...previous, parseRuleArgument(value)];
  } catch (e) {
    throw new InvalidArgumentError(errorMessage(e));
  }
}

function table(value: string): ExportTable {
  if (!(EXPORT_TABLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${EXPORT_TABLES.join(", ")}`);
  return value as ExportTable;
}

function renderReport(report: ScanReport, fmt: Format, tableName: ExportTable): string {
  if (fmt === "json") return JSON.stringify(report, null, 2) + "\n";
  if (fmt === "md") return reportMarkdown(report);
  if (fmt === "html") return reportHtmlDocument(report);
  if (tableName === "links") throw new AppError("invalid_input", "--table links is exported through the API (GET /api/v1/scans/{id}/export?table=links)");
  return toCsv(reportTable(report, tableName));
}

function writeOutput(text: string, out: string | undefined): void {
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, options: { encoder?: boolean } = {}): Promise<T> {
  // The CLI's standard error carries progress; logs join it only at warn and above unless LOG_LEVEL asks for more.
  const cfg = config();
  const rt = await createRuntime({ config: cfg, migrate: true, logger: createLogger(cfg.cliLogLevel), chooseEncoderBackend: options.encoder ? initBackend : undefined });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** A finished scan's report; a scan that ended without one is an error, not an empty report. */
async function requireReport(db: Runtime["db"], scanId: string): Promise<ScanReport> {
  const report = await getScanReport(db, scanId);
  if (!report) throw new AppError("not_found", `Scan ${scanId} has no report`);
  return report;
}

const program = new Command()
  .name("topicgate")
  .description("Audit a website's topical authority: crawl, learn its language with an LSTM, score cores, expansion, pruning and linking.")
  .showHelpAfterError();

program
  .command("scan")
  .description("crawl, encode and analyse a site in this process and write the scan report")
  .argument("<url>", "start URL (http or https)")
  .option("--max-pages <n>", "stop after this many pages", positiveInt)
  .option("--max-depth <n>", "follow links this many clicks deep", positiveInt)
  .option("--concurrency <n>", "parallel requests", positiveInt)
  .option("--out <file>", "write the report to this file instead of standard output")
  .option("--format <format>", `report format: ${FORMATS.join(", ")}`, format, "json")
  .option("--table <table>", `table for --format csv: ${EXPORT_TABLES.filter((t) => t !== "links").join(", ")}`, table, "pages")
  .option("--allow-private", "allow loopback and private addresses (local sites, tests)", false)
  .option("--encoder <kind>", `sequence model: ${ENCODER_KINDS.join(", ")} (none: lexical vectors only, fast)`, encoderKind)
  .option("--search-data <file>", "search data for this audit: a Search Console export, Search Analytics API JSON, or a GA4 landing-page CSV")
  .option("--search-source <source>", "gsc or ga4, for --search-data (read from the file when absent)", searchSource)
  .option("--render <mode>", `pages built by scripts: ${RENDER_MODES.join(", ")} (auto renders pages whose HTML is a shell, in Chromium; default: the site's setting, else auto)`, renderMode)
  .option("--extract <rule>", "custom extraction NAME=SELECTOR[@attribute], repeatable (e.g. author=.byline, date=meta[property=article:published_time]@content)", extractRule)
  .action(async (url: string, opts: { maxPages?: number; maxDepth?: number; concurrency?: number; out?: string; format: Format; table: ExportTable; allowPrivate: boolean; encoder?: EncoderKind; searchData?: string; searchSource?: SearchSource; render?: RenderMode; extract?: ExtractionRule[] }) => {
    await withRuntime(async (rt) => {
      // the search data is read before the scan starts: a bad file stops here, with nothing queued
      const searchBytes = opts.searchData ? readSearchFile(opts.searchData, rt.config.searchDataMaxBytes) : null;
      const parsed = searchBytes ? parseSearchData(searchBytes, { siteUrl: url, source: opts.searchSource }) : undefined;
      const scan = await createScanRecord(rt, { url, maxPages: opts.maxPages, maxDepth: opts.maxDepth, concurrency: opts.concurrency, allowPrivate: opts.allowPrivate, encoder: opts.encoder, render: opts.render, extract: opts.extract, trigger: "cli" });
      process.stderr.write(`scan ${scan.id}: ${scan.url}\n`);
      if (searchBytes && opts.searchData) {
        const imported = await importSearchData(rt.db, { siteId: scan.siteId, scanId: scan.id, bytes: searchBytes, parsed, origin: "cli", fileName: opts.searchData.replace(/^.*[\\/]/, "") });
        process.stderr.write(describeImport({ ...imported, match: null }));
      }
      const abort = new AbortController();
      process.once("SIGINT", () => abort.abort());
      const ticker = setInterval(() => void getScan(rt.db, scan.id).then((s) => s && renderProgress(s, process.stderr)), 500);
      let finished: ScanRow;
      try {
        finished = await runScanInProcess(rt, scan.id, abort.signal);
      } finally {
        clearInterval(ticker);
      }
      renderProgress(finished, process.stderr, true);
      writeOutput(renderReport(await requireReport(rt.db, scan.id), opts.format, opts.table), opts.out);
      if (opts.out) process.stderr.write(`report written to ${opts.out}\n`);
    }, { encoder: true });
  });

const scans = program.command("scans").description("scans stored in the configured database");
scans
  .command("list")
  .description("list recent scans")
  .option("--limit <n>", "how many", positiveInt, 20)
  .option("--json", "as JSON", false)
  .action(async (opts: { limit: number; json: boolean }) => {
    await withRuntime(async (rt) => {
      const rows = await listScans(rt.db, { take: opts.limit });
      if (opts.json) return writeOutput(JSON.stringify(rows, null, 2) + "\n", undefined);
      for (const s of rows) {
        process.stdout.write(`${s.id}  ${s.status.padEnd(9)}  ${(s.authority === null ? "-" : s.authority.toFixed(0)).padStart(3)}  ${s.createdAt.toISOString()}  ${s.url}\n`);
      }
    });
  });

program
  .command("report")
  .description("write the report of a finished scan")
  .argument("<scanId>")
  .option("--out <file>", "write to this file")
  .option("--format <format>", `report format: ${FORMATS.join(", ")}`, format, "json")
  .option("--table <table>", "table for --format csv", table, "pages")
  .action(async (scanId: string, opts: { out?: string; format: Format; table: ExportTable }) => {
    await withRuntime(async (rt) => {
      const scan = await getScan(rt.db, scanId);
      if (!scan) throw new AppError("not_found", `Scan ${scanId} not found`);
      if (scan.status !== "done") throw new AppError("conflict", `Scan ${scanId} is ${scan.status}; its report exists once it is done`);
      writeOutput(renderReport(await requireReport(rt.db, scanId), opts.format, opts.table), opts.out);
    });
  });

const keys = program.command("keys").description("API keys for the HTTP API (stored only as sha-256 hashes)");
keys
  .command("create")
  .description("create an API key of a workspace and print it once")
  .requiredOption("--name <name>", "what the key is for")
  .option("--workspace <name>", "the workspace (name or id) whose data the key reaches", DEFAULT_WORKSPACE_ID)
  .option("--scope <scope>", "read (GET only) or write", "write")
  .action(async (opts: { name: string; workspace: string; scope: string }) => {
    if (opts.scope !== "read" && opts.scope !== "write") throw new AppError("invalid_input", "--scope must be read or write");
    const scope = opts.scope;
    await withRuntime(async (rt) => {
      const ws = await workspaceOrFail(rt.db, opts.workspace);
      const { key, apiKey } = await createApiKey(rt.db, opts.name, ws.id, scope);
      process.stderr.write(`created ${apiKey.scope} API key ${apiKey.id} (${apiKey.name}) of workspace ${ws.name}; it is shown only now:\n`);
      process.stdout.write(`${key}\n`);
    });
  });
keys
  .command("list")
  .description("list API keys (name, prefix, created, last used, revoked)")
  .option("--json", "as JSON", false)
  .action(async (opts: { json: boolean }) => {
    await withRuntime(async (rt) => {
      const rows = await listApiKeys(rt.db);
      if (opts.json) return writeOutput(JSON.stringify(rows, null, 2) + "\n", undefined);
      const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "-");
      for (const k of rows) {
        process.stdout.write(`${k.id}  ${k.prefix}…  ${k.workspaceId}  ${k.scope}  created ${day(k.createdAt)}  last used ${day(k.lastUsedAt)}  ${k.revokedAt ? `revoked ${day(k.revokedAt)}` : "active"}  ${k.name}\n`);
      }
    });
  });
keys
  .command("revoke")
  .description("revoke an API key (requests with it get 401)")
  .argument("<id>")
  .action(async (id: string) => {
    await withRuntime(async (rt) => {
      if (!(await revokeApiKey(rt.db, id))) throw new AppError("not_found", `No active API key ${id}`);
      process.stderr.write(`revoked ${id}\n`);
    });
  });

const workspaces = program.command("workspaces").description("workspaces: sites, scans and API keys belong to one");
workspaces
  .command("create")
  .description("create a workspace")
  .argument("<name>")
  .action(async (name: string) => {
    await withRuntime(async (rt) => {
      const ws = await createWorkspace(rt.db, name);
      process.stdout.write(`${ws.id}\n`);
      process.stderr.write(`created workspace ${ws.name}\n`);
    });
  });
workspaces
  .command("list")
  .description("list workspaces")
  .action(async () => {
    await withRuntime(async (rt) => {
      for (const ws of await listWorkspaces(rt.db)) process.stdout.write(`${ws.id}  ${ws.name}\n`);
    });
  });

program
  .command("users")
  .description("people who sign in to the dashboard")
  .command("create")
  .description("create a user (or set an existing user's password) as a member of a workspace")
  .requiredOption("--email <email>", "the address they sign in with")
  .requiredOption("--password <password>", "at least 8 characters")
  .option("--workspace <name>", "the workspace (name or id)", DEFAULT_WORKSPACE_ID)
  .option("--role <role>", "owner, editor or viewer (reads only)", "owner")
  .action(async (opts: { email: string; password: string; workspace: string; role: string }) => {
    if (!(ROLES as readonly string[]).includes(opts.role)) throw new AppError("invalid_input", `--role must be one of ${ROLES.join(", ")}`);
    await withRuntime(async (rt) => {
      const r = await createUser(rt.db, { email: opts.email, password: opts.password, workspace: opts.workspace, role: opts.role as Role });
      process.stderr.write(`${r.created ? "created" : "updated"} ${opts.email.trim().toLowerCase()} as ${opts.role} of workspace ${r.workspaceId}\n`);
    });
  });

program
  .command("compare")
  .description("the change report between two finished scans of a site (scanA the earlier)")
  .argument("<scanA>")
  .argument("<scanB>")
  .option("--out <file>", "write to this file")
  .option("--format <format>", "json, md or html", (v: string) => {
    if (!["json", "md", "html"].includes(v)) throw new InvalidArgumentError("must be one of json, md, html");
    return v as "json" | "md" | "html";
  }, "json" as "json" | "md" | "html")
  .action(async (scanA: string, scanB: string, opts: { out?: string; format: "json" | "md" | "html" }) => {
    await withRuntime(async (rt) => {
      const changes = await compareScanIds(rt.db, scanA, scanB);
      const text = opts.format === "md" ? changeReportMarkdown(changes) : opts.format === "html" ? changeReportHtml(changes) : JSON.stringify(changes, null, 2) + "\n";
      writeOutput(text, opts.out);
    });
  });

registerSearchDataCommands(program, withRuntime);

program
  .command("mcp")
  .description("serve TopicGate to AI assistants over the Model Context Protocol on standard input and output (API key in TOPICGATE_API_KEY)")
  .action(async () => {
    const apiKey = config().apiKey;
    if (!apiKey) throw new AppError("invalid_input", "Set TOPICGATE_API_KEY to an API key (npx topicgate keys create --name assistant)");
    await withRuntime(async (rt) => {
      await authenticate(rt.db, `Bearer ${apiKey}`); // a wrong key stops here, before any client connects
      await serveMcp(rt, apiKey);
    });
  });

program
  .command("worker")
  .description("run a worker that processes queued scans until stopped")
  .action(async () => {
    const { runWorker } = await import("../workers/worker");
    await runWorker({ migrate: true });
  });

program
  .command("migrate")
  .description("apply the database migrations to the configured database")
  .action(async () => {
    const result = await migrate(config());
    process.stderr.write(result.applied.length ? `applied: ${result.applied.join(", ")}\n` : `database is up to date (${result.alreadyApplied} migrations)\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`topicgate: ${errorMessage(error)}\n`);
  process.exit(exitCodeFor(error));
});
