import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertOwned, guardPath } from "@/lib/api/access";
import { createApiKey } from "@/lib/api/api-keys";
import { login } from "@/lib/auth/login";
import { closeSession, sessionOfToken } from "@/lib/auth/sessions";
import { createUser, createWorkspace } from "@/lib/auth/users";
import type { Db } from "@/lib/db/client";
import { listApiKeys } from "@/lib/db/api-keys";
import { createScan, listScansPage } from "@/lib/db/scans";
import { listSites, upsertSite } from "@/lib/db/sites";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";
import { twoPostgresServers } from "@/test/support/postgres";

/** Workspaces, users and sessions on PostgreSQL: two clients stand for two stateless web servers. */

let a: Db;
let b: Db;
let servers: Awaited<ReturnType<typeof twoPostgresServers>>;
beforeAll(async () => {
  servers = await twoPostgresServers("tg_ws");
  ({ a, b } = servers);
});
afterAll(() => servers?.close());

describe("workspaces on PostgreSQL", () => {
  it("keeps the same site apart in two workspaces, in lists and by id", async () => {
    const team = await createWorkspace(a, "team-pg");
    const mine = await upsertSite(a, "https://shared.example/", {}, DEFAULT_WORKSPACE_ID);
    const theirs = await upsertSite(b, "https://shared.example/", {}, team.id);
    expect(theirs.id).not.toBe(mine.id);
    const options = { maxPages: 5, maxDepth: 2, concurrency: 1, allowPrivate: false };
    const scan = await createScan(a, { siteId: mine.id, url: mine.url, options, trigger: "api" });
    expect((await listScansPage(b, { workspaceId: team.id, take: 10 })).map((s) => s.id)).not.toContain(scan.id);
    expect((await listScansPage(b, { workspaceId: DEFAULT_WORKSPACE_ID, take: 10 })).map((s) => s.id)).toContain(scan.id);
    expect((await listSites(b, team.id)).map((s) => s.id)).toEqual([theirs.id]);
    const teamAccess = { workspaceId: team.id, canWrite: true };
    await expect(assertOwned(b, teamAccess, "scan", scan.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(guardPath(b, teamAccess, "DELETE", `/api/v1/scans/${scan.id}`)).rejects.toMatchObject({ code: "not_found" });
    await expect(guardPath(b, { workspaceId: DEFAULT_WORKSPACE_ID, canWrite: false }, "DELETE", `/api/v1/scans/${scan.id}`)).rejects.toMatchObject({ code: "forbidden" });
    await guardPath(b, { workspaceId: DEFAULT_WORKSPACE_ID, canWrite: false }, "GET", `/api/v1/scans/${scan.id}`);
    const key = await createApiKey(a, "team", team.id, "read");
    expect((await listApiKeys(b, team.id)).map((k) => k.id)).toEqual([key.apiKey.id]);
  });

  it("signs in on one server and is known on the other until logout", async () => {
    await createUser(a, { email: "PG@Example.test", password: "a long password", role: "editor" });
    const { token } = await login(a, { email: "pg@example.test", password: "a long password", ip: "192.0.2.1" });
    expect(await sessionOfToken(b, token)).toMatchObject({ email: "pg@example.test", workspaceId: DEFAULT_WORKSPACE_ID, role: "editor" });
    await expect(login(b, { email: "pg@example.test", password: "wrong", ip: "192.0.2.1" })).rejects.toMatchObject({ code: "unauthorized" });
    await closeSession(b, token);
    expect(await sessionOfToken(a, token)).toBeNull();
  });
});
