import fs from "node:fs";
import path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { listSiteSearchDataSets } from "../lib/db/search-data";
import { AppError } from "../lib/errors";
import { configureSearchConsole, refreshSearchConsole, removeSearchConsole } from "../lib/pipeline/search-console-sync";
import { findSite, importSearchData, type SearchImportResult } from "../lib/pipeline/search-import";
import type { Runtime } from "../lib/runtime";
import type { SearchSource } from "../lib/search/types";

type WithRuntime = <T>(fn: (rt: Runtime) => Promise<T>) => Promise<T>;

export function searchSource(value: string): SearchSource {
  if (value !== "gsc" && value !== "ga4") throw new InvalidArgumentError("must be gsc or ga4");
  return value;
}

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError("must be YYYY-MM-DD");
  return value;
}

/** A search data file read whole, refused past the configured cap. */
export function readSearchFile(file: string, maxBytes: number): Uint8Array {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (cause) {
    throw new AppError("invalid_input", `Cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (size > maxBytes) throw new AppError("invalid_input", `${file} is larger than ${maxBytes} bytes (TOPICGATE_SEARCH_DATA_MAX_BYTES)`);
  return fs.readFileSync(file);
}

/** Lines for standard error: what was stored and how its rows matched the site's pages. */
export function describeImport(r: SearchImportResult): string {
  const lines = r.dataSets.map((d) => `imported ${d.rowCount} ${d.source} rows (${d.kind}, ${d.format}${d.startDate ? `, ${d.startDate} to ${d.endDate}` : ""}) as ${d.id}`);
  if (r.replaced) lines.push(`replaced ${r.replaced} earlier data set${r.replaced === 1 ? "" : "s"}`);
  if (r.match) {
    lines.push(`against scan ${r.match.scanId}: ${r.match.matchedRows} of ${r.match.pageRows} page rows matched ${r.match.pagesMatched} pages; ${r.match.unmatched.count} unmatched`);
    for (const u of r.match.unmatched.examples) lines.push(`  unmatched ${u.url} (${u.reason}${u.status ? ` ${u.status}` : ""}${u.clicks !== null ? `, ${u.clicks} clicks` : ""}${u.impressions !== null ? `, ${u.impressions} impressions` : ""})`);
  }
  return lines.join("\n") + "\n";
}

export function registerSearchDataCommands(program: Command, withRuntime: WithRuntime): void {
  const cmd = program.command("search-data").description("Search Console and GA4 data per URL, used by the site's scans");
  cmd
    .command("import")
    .description("import a Search Console export (CSV or its .zip), a Search Analytics API response (JSON), or a GA4 landing-page export (CSV)")
    .requiredOption("--site <urlOrId>", "the site (its id, or its address)")
    .requiredOption("--file <file>", "the export file")
    .option("--source <source>", "gsc or ga4 (read from the file when absent)", searchSource)
    .option("--start-date <date>", "YYYY-MM-DD: the period, for files that do not carry it", day)
    .option("--end-date <date>", "YYYY-MM-DD", day)
    .option("--json", "print the import result as JSON", false)
    .action(async (opts: { site: string; file: string; source?: SearchSource; startDate?: string; endDate?: string; json: boolean }) => {
      await withRuntime(async (rt) => {
        const site = await findSite(rt.db, opts.site);
        const bytes = readSearchFile(opts.file, rt.config.searchDataMaxBytes);
        const result = await importSearchData(rt.db, { siteId: site.id, bytes, source: opts.source, startDate: opts.startDate, endDate: opts.endDate, origin: "cli", fileName: path.basename(opts.file) });
        if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
        else process.stderr.write(describeImport(result));
      });
    });
  cmd
    .command("list")
    .description("the site's current search data sets")
    .requiredOption("--site <urlOrId>", "the site")
    .action(async (opts: { site: string }) => {
      await withRuntime(async (rt) => {
        const site = await findSite(rt.db, opts.site);
        for (const s of await listSiteSearchDataSets(rt.db, site.id)) {
          process.stdout.write(`${s.id}  ${s.source}  ${s.kind.padEnd(10)}  ${String(s.rowCount).padStart(7)} rows  ${s.startDate ?? "?"} to ${s.endDate ?? "?"}  ${s.origin}${s.fileName ? ` ${s.fileName}` : ""}\n`);
        }
      });
    });
  cmd
    .command("connect")
    .description("connect Search Console with a service account's JSON key (stored encrypted with TOPICGATE_SECRET_KEY)")
    .requiredOption("--site <urlOrId>", "the site")
    .requiredOption("--key-file <file>", "the service account's JSON key")
    .requiredOption("--property <property>", "https://www.example.com/ or sc-domain:example.com")
    .option("--days <n>", "days read at each daily refresh (default 28)", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 480) throw new InvalidArgumentError("must be a whole number from 1 to 480");
      return n;
    })
    .action(async (opts: { site: string; keyFile: string; property: string; days?: number }) => {
      await withRuntime(async (rt) => {
        const site = await findSite(rt.db, opts.site);
        const key = new TextDecoder().decode(readSearchFile(opts.keyFile, 64 * 1024));
        const view = await configureSearchConsole(rt, site.id, { serviceAccountKey: key, property: opts.property, rangeDays: opts.days });
        process.stderr.write(`connected ${view.property} as ${view.clientEmail}; the first refresh runs on the next worker tick (or: topicgate search-data refresh --site ${site.id})\n`);
      });
    });
  cmd
    .command("refresh")
    .description("read the connected property's data now, in this process")
    .requiredOption("--site <urlOrId>", "the site")
    .action(async (opts: { site: string }) => {
      await withRuntime(async (rt) => {
        const site = await findSite(rt.db, opts.site);
        const r = await refreshSearchConsole(rt, site.id);
        process.stderr.write(`read ${r.rows} rows for ${r.startDate} to ${r.endDate}\n`);
      });
    });
  cmd
    .command("disconnect")
    .description("remove the site's Search Console connector (its data sets stay)")
    .requiredOption("--site <urlOrId>", "the site")
    .action(async (opts: { site: string }) => {
      await withRuntime(async (rt) => {
        await removeSearchConsole(rt.db, (await findSite(rt.db, opts.site)).id);
        process.stderr.write("disconnected\n");
      });
    });
}
