import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/api-keys";
import { revokeApiKey } from "@/lib/db/api-keys";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import type { Runtime } from "@/lib/runtime";
import { worklistSite } from "../../fixtures/worklist-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";

const root = path.resolve(__dirname, "../../..");

type ToolResult = { content: { type: string; text: string }[]; isError?: boolean };

/** `npx topicgate mcp` as an assistant runs it: a child process on stdio, driven by the SDK's own client. */
describe("MCP server on stdio", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;
  let scanId: string;
  let key: { key: string; id: string };

  const connect = async (apiKey: string) => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(root, "bin", "topicgate.mjs"), "mcp"],
      cwd: root,
      env: { ...(process.env as Record<string, string>), DATABASE_URL: `file:${t.file}`, TOPICGATE_API_KEY: apiKey, LOG_LEVEL: "silent", TOPICGATE_ALLOW_PRIVATE_HOSTS: "1" },
      stderr: "pipe",
    });
    const client = new Client({ name: "topicgate-test", version: "1.0.0" });
    await client.connect(transport);
    return client;
  };
  const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
    const r = (await client.callTool({ name, arguments: args })) as ToolResult;
    return { error: r.isError === true, text: r.content[0].text, json: () => JSON.parse(r.content[0].text) };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file, { TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000" });
    site = await serveSite(worklistSite());
    scanId = (await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, (await createScanRecord(rt, { url: site.url, maxPages: 50, allowPrivate: true, trigger: "manual" })).id)).id;
    const created = await createApiKey(rt.db, "assistant", DEFAULT_WORKSPACE_ID);
    key = { key: created.key, id: created.apiKey.id };
  }, 300_000);
  afterAll(async () => {
    await site.close();
    await rt.close();
    await t.close();
  });

  it("lists its tools and answers list_sites, start_scan, scan_status, report_section and list_issues", { timeout: 120_000 }, async () => {
    const client = await connect(key.key);
    try {
      const tools = (await client.listTools()).tools.map((x) => x.name).sort();
      expect(tools).toEqual(["list_issues", "list_sites", "report_section", "scan_status", "start_scan"]);

      const sites = (await call(client, "list_sites")).json();
      expect(sites).toHaveLength(1);
      expect(sites[0]).toMatchObject({ url: site.url, latestScan: { id: scanId, status: "done" } });

      const status = (await call(client, "scan_status", { scanId })).json();
      expect(status).toMatchObject({ id: scanId, status: "done", url: site.url });

      const topics = (await call(client, "report_section", { scanId, section: "topics", limit: 1 })).json();
      expect(topics.total).toBeGreaterThanOrEqual(1);
      expect(topics.rows).toHaveLength(1);
      expect(topics.rows[0]).toHaveProperty("label");
      const siteSection = (await call(client, "report_section", { scanId, section: "site" })).json();
      expect(siteSection.authority).toBe(status.authority);

      const issues = (await call(client, "list_issues", { scanId, severity: "error" })).json();
      expect(issues.summary.pagesWithOpenErrors).toBeGreaterThanOrEqual(1);
      expect(issues.issues.every((i: { severity: string }) => i.severity === "error")).toBe(true);
      expect(issues.issues.find((i: { code: string }) => i.code === "broken_link").pageUrls).toContain(new URL("/garden/roses", site.url).href);

      const started = (await call(client, "start_scan", { url: site.url, maxPages: 5 })).json();
      expect(started.status).toBe("queued");
      expect((await rt.db.scan.findUniqueOrThrow({ where: { id: started.id } })).apiKeyId).toBe(key.id);

      const missing = await call(client, "scan_status", { scanId: "nope" });
      expect(missing).toMatchObject({ error: true, text: "Scan nope not found" });

      await revokeApiKey(rt.db, key.id);
      const refused = await call(client, "list_sites");
      expect(refused).toMatchObject({ error: true, text: "This API key was revoked" });
    } finally {
      await client.close();
    }
  });

  it("refuses to start with a key that is not valid", { timeout: 60_000 }, async () => {
    await expect(connect("tg_not-a-key")).rejects.toThrow();
  });
});
