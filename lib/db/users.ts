import type { Db } from "./client";

export type Role = "owner" | "editor" | "viewer";

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
}

export interface MembershipRow {
  workspaceId: string;
  role: Role;
}

export async function countUsers(db: Db): Promise<number> {
  return db.user.count();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
}

/** Creates the user (or sets the password of an existing one) and makes them a member of the workspace. */
export async function saveUserWithMembership(db: Db, u: { email: string; passwordHash: string; workspaceId: string; role: Role }): Promise<{ userId: string; created: boolean }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: u.email }, select: { id: true } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { passwordHash: u.passwordHash }, select: { id: true } })
      : await tx.user.create({ data: { email: u.email, passwordHash: u.passwordHash }, select: { id: true } });
    await tx.membership.upsert({
      where: { userId_workspaceId: { userId: user.id, workspaceId: u.workspaceId } },
      create: { userId: user.id, workspaceId: u.workspaceId, role: u.role },
      update: { role: u.role },
    });
    return { userId: user.id, created: !existing };
  });
}

/** The user's first workspace (the one a new session opens in). */
export async function firstMembership(db: Db, userId: string): Promise<MembershipRow | null> {
  const m = await db.membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { workspaceId: true, role: true } });
  return m && { workspaceId: m.workspaceId, role: m.role as Role };
}
