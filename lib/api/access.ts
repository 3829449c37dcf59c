import type { Db } from "../db/client";
import { workspaceOfRecord, type OwnedKind } from "../db/workspaces";
import { AppError } from "../errors";

/** Who a request acts for: a workspace, and whether it may change anything there. */
export interface Access {
  workspaceId: string;
  canWrite: boolean;
}

/** Methods that only read; every other method needs write access. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function requireWriteFor(method: string, access: Access): void {
  if (!READ_METHODS.has(method.toUpperCase()) && !access.canWrite) {
    throw new AppError("forbidden", "This key or role may only read; ask an owner for write access");
  }
}

/** The record of another workspace answers as a record that does not exist: its existence is not revealed. */
export async function assertOwned(db: Db, access: Access, kind: OwnedKind, id: string): Promise<void> {
  const owner = await workspaceOfRecord(db, kind, id);
  if (owner !== access.workspaceId) throw new AppError("not_found", `${KIND_NAMES[kind]} ${id} not found`);
}

const KIND_NAMES: Record<OwnedKind, string> = {
  site: "Site",
  scan: "Scan",
  change: "Change report",
  share: "Share link",
  searchData: "Search data set",
  schedule: "Schedule",
  apiKey: "API key",
};

/** The path segment that names a collection, and the kind of the id that follows it. */
const COLLECTIONS: Record<string, OwnedKind> = {
  sites: "site",
  scans: "scan",
  changes: "change",
  shares: "share",
  "search-data": "searchData",
  schedules: "schedule",
  keys: "apiKey",
};

/** The records a route path names (`/api/v1/sites/{id}/schedules/{scheduleId}`: the site and the schedule). */
export function recordsInPath(pathname: string): { kind: OwnedKind; id: string }[] {
  const segments = pathname.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  const found: { kind: OwnedKind; id: string }[] = [];
  for (let i = 2; i < segments.length - 1; i++) {
    const kind = COLLECTIONS[segments[i]];
    if (!kind) continue;
    found.push({ kind, id: segments[i + 1] });
    i++;
  }
  return found;
}

/**
 * Every record the path names must belong to the caller's workspace (404 otherwise, for reads and writes alike). Run
 * by the route wrappers before any handler, so a route cannot forget it.
 */
export async function guardPath(db: Db, access: Access, method: string, pathname: string): Promise<void> {
  for (const r of recordsInPath(pathname)) await assertOwned(db, access, r.kind, r.id);
  requireWriteFor(method, access);
}
