import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { assertOwned, requireWriteFor, type Access } from "../api/access";
import { authenticate } from "../api/api-keys";
import { scanIssues } from "../api/issues";
import { enforceRateLimit } from "../api/rate-limit";
import { liveReport } from "../api/report-files";
import { doneScan, scanOr404, startApiScan } from "../api/scans";
import { MAX_DEPTH_LIMIT, MAX_PAGES_LIMIT, MAX_URL_LENGTH } from "../api/schemas";
import { scanView } from "../api/views";
import type { ApiKeyRow } from "../db/api-keys";
import { listSites } from "../db/sites";
import { errorMessage } from "../errors";
import { ISSUE_STATUSES, SEVERITIES } from "../issues/types";
import type { Runtime } from "../runtime";

/** Rows of a report section one call returns at most: an assistant's context is small; it pages with offset. */
export const MCP_MAX_ROWS = 200;
/** Pages listed per issue in list_issues (the count says how many there are). */
const ISSUE_PAGES = 50;

const LIST_SECTIONS = ["topics", "pages", "gaps", "linkClusters", "linkSuggestions", "issues"] as const;
const SECTIONS = ["scan", "site", "issuesSummary", ...LIST_SECTIONS] as const;

type ToolResult = { content: { type: "text"; text: string }[]; isError?: boolean };

const json = (value: unknown): ToolResult => ({ content: [{ type: "text", text: JSON.stringify(value, null, 2) }] });

const accessOf = (key: ApiKeyRow): Access => ({ workspaceId: key.workspaceId, canWrite: key.scope === "write" });

/**
 * TopicGate for AI assistants over the Model Context Protocol: the same operations as the HTTP API, authorised by the
 * same API keys (the key in `TOPICGATE_API_KEY`, checked and rate-limited on every call, so a revoked key stops at once).
 */
export function createMcpServer(rt: Runtime, apiKey: string): McpServer {
  const server = new McpServer({ name: "topicgate", version: "1.0.0" });
  const authorised = async (): Promise<ApiKeyRow> => {
    const key = await authenticate(rt.db, `Bearer ${apiKey}`);
    await enforceRateLimit(rt.db, key.id, rt.config.rateLimitPerMinute);
    return key;
  };
  const tool = <A>(run: (args: A, key: ApiKeyRow) => Promise<unknown>) => async (args: A): Promise<ToolResult> => {
    try {
      const key = await authorised();
      // a scan of another workspace is "not found", as on the HTTP API
      const scanId = (args as { scanId?: unknown }).scanId;
      if (typeof scanId === "string") await assertOwned(rt.db, accessOf(key), "scan", scanId);
      return json(await run(args, key));
    } catch (error) {
      return { content: [{ type: "text", text: errorMessage(error) }], isError: true };
    }
  };

  server.registerTool(
    "list_sites",
    { title: "List sites", description: "The sites TopicGate audits, each with its latest scan and the authority of its recent scans.", inputSchema: {} },
    tool(async (_args: unknown, key) => (await listSites(rt.db, key.workspaceId)).map((s) => ({ id: s.id, url: s.url, name: s.name, scans: s.scanCount, latestScan: s.latest, authorityTrend: s.authorityTrend }))),
  );

  server.registerTool(
    "start_scan",
    {
      title: "Start a scan",
      description: "Queue a scan of a site (crawl, encode, analyse). Returns the scan id; poll scan_status until it is done.",
      inputSchema: { url: z.string().min(1).max(MAX_URL_LENGTH), maxPages: z.number().int().min(1).max(MAX_PAGES_LIMIT).optional(), maxDepth: z.number().int().min(0).max(MAX_DEPTH_LIMIT).optional() },
    },
    tool(async (args: { url: string; maxPages?: number; maxDepth?: number }, key) => {
      requireWriteFor("POST", accessOf(key));
      const scan = await startApiScan(rt, key, args);
      return { id: scan.id, status: scan.status };
    }),
  );

  server.registerTool(
    "scan_status",
    { title: "Scan status", description: "A scan's status (queued, crawling, encoding, analyzing, done, failed, cancelled), progress and authority.", inputSchema: { scanId: z.string().min(1).max(100) } },
    tool(async ({ scanId }: { scanId: string }) => scanView(await scanOr404(rt, scanId))),
  );

  server.registerTool(
    "report_section",
    {
      title: "Report section",
      description: `One section of a finished scan's report: ${SECTIONS.join(", ")}. List sections return at most ${MCP_MAX_ROWS} rows from offset, with the total.`,
      inputSchema: {
        scanId: z.string().min(1).max(100),
        section: z.enum(SECTIONS),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MCP_MAX_ROWS).default(50),
      },
    },
    tool(async ({ scanId, section, offset, limit }: { scanId: string; section: (typeof SECTIONS)[number]; offset: number; limit: number }) => {
      const report = await liveReport(rt, await doneScan(rt, scanId));
      const value = report[section];
      if (!(LIST_SECTIONS as readonly string[]).includes(section)) return value ?? null;
      const rows = (value ?? []) as unknown[];
      return { total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
    }),
  );

  server.registerTool(
    "list_issues",
    {
      title: "List issues",
      description: "A finished scan's issues (errors, warnings, notices) with why they matter, how to fix them, the pages and their status, and the audit health score.",
      inputSchema: { scanId: z.string().min(1).max(100), severity: z.enum(SEVERITIES).optional(), status: z.enum(ISSUE_STATUSES).optional(), code: z.string().max(100).optional() },
    },
    tool(async ({ scanId, ...filter }: { scanId: string; severity?: (typeof SEVERITIES)[number]; status?: (typeof ISSUE_STATUSES)[number]; code?: string }) => {
      const { issues, summary } = await scanIssues(rt, scanId, filter);
      return { summary, issues: issues.map((i) => ({ ...i, pageUrls: i.pageUrls.slice(0, ISSUE_PAGES), items: i.items.slice(0, ISSUE_PAGES) })) };
    }),
  );

  return server;
}
