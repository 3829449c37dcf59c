import type { Db } from "./client";

/** The workspace the data of an installation from before workspaces moved into (created by its migration). */
export const DEFAULT_WORKSPACE_ID = "default";

export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: Date;
}

export async function insertWorkspace(db: Db, name: string): Promise<WorkspaceRow> {
  return db.workspace.create({ data: { name }, select: { id: true, name: true, createdAt: true } });
}

export async function findWorkspace(db: Db, idOrName: string): Promise<WorkspaceRow | null> {
  return db.workspace.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, select: { id: true, name: true, createdAt: true } });
}

export async function listWorkspaces(db: Db): Promise<WorkspaceRow[]> {
  return db.workspace.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true } });
}

/** The kinds of record a request can name by id, each owned by a workspace directly or through its site. */
export type OwnedKind = "site" | "scan" | "change" | "share" | "searchData" | "schedule" | "apiKey";

/** The workspace a record belongs to, or null when there is no such record. */
export async function workspaceOfRecord(db: Db, kind: OwnedKind, id: string): Promise<string | null> {
  const viaSite = { select: { site: { select: { workspaceId: true } } } } as const;
  switch (kind) {
    case "site":
      return (await db.site.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId ?? null;
    case "apiKey":
      return (await db.apiKey.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId ?? null;
    case "scan":
      return (await db.scan.findUnique({ where: { id }, ...viaSite }))?.site.workspaceId ?? null;
    case "change":
      return (await db.changeReport.findUnique({ where: { id }, ...viaSite }))?.site.workspaceId ?? null;
    case "share":
      return (await db.shareLink.findUnique({ where: { id }, ...viaSite }))?.site.workspaceId ?? null;
    case "searchData":
      return (await db.searchDataSet.findUnique({ where: { id }, ...viaSite }))?.site.workspaceId ?? null;
    case "schedule":
      return (await db.schedule.findUnique({ where: { id }, ...viaSite }))?.site.workspaceId ?? null;
  }
}
