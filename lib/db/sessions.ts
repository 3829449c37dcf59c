import type { Db } from "./client";
import type { Role } from "./users";

export interface SessionRow {
  id: string;
  userId: string;
  email: string;
  workspaceId: string;
  /** the user's role in the session's workspace now (a membership removed since ends the session's access) */
  role: Role | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function insertSession(db: Db, s: { tokenHash: string; userId: string; workspaceId: string; expiresAt: Date }): Promise<{ id: string }> {
  return db.session.create({ data: s, select: { id: true } });
}

export async function findSessionByHash(db: Db, tokenHash: string): Promise<SessionRow | null> {
  const r = await db.session.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      userId: true,
      workspaceId: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { email: true, memberships: { select: { workspaceId: true, role: true } } } },
    },
  });
  if (!r) return null;
  const role = r.user.memberships.find((m) => m.workspaceId === r.workspaceId)?.role ?? null;
  return { id: r.id, userId: r.userId, email: r.user.email, workspaceId: r.workspaceId, role: role as Role | null, expiresAt: r.expiresAt, revokedAt: r.revokedAt };
}

export async function revokeSessionByHash(db: Db, tokenHash: string, now = new Date()): Promise<boolean> {
  const r = await db.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: now } });
  return r.count === 1;
}

/** Drops the user's sessions that ended long ago (called at login, so the table stays small). */
export async function deleteEndedSessions(db: Db, userId: string, before: Date): Promise<void> {
  await db.session.deleteMany({ where: { userId, OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
}
