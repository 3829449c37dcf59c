import type { Db } from "../db/client";
import { findWorkspace, insertWorkspace, DEFAULT_WORKSPACE_ID } from "../db/workspaces";
import { countUsers, saveUserWithMembership, type Role } from "../db/users";
import { AppError } from "../errors";
import { PasswordSchema } from "../api/schemas";
import { normaliseEmail } from "./login";
import { hashPassword } from "./password";

export const ROLES: readonly Role[] = ["owner", "editor", "viewer"];

/** The workspace named by id or name; the default workspace when none is named. */
export async function workspaceOrFail(db: Db, idOrName: string | undefined): Promise<{ id: string; name: string }> {
  const ws = await findWorkspace(db, idOrName ?? DEFAULT_WORKSPACE_ID);
  if (!ws) throw new AppError("not_found", `No workspace ${idOrName}: create it with npx topicgate workspaces create NAME`);
  return ws;
}

export async function createWorkspace(db: Db, name: string): Promise<{ id: string; name: string }> {
  const trimmed = name.trim();
  if (!/^[\w .-]{1,80}$/.test(trimmed)) throw new AppError("invalid_input", "A workspace name is 1-80 letters, digits, spaces, dots, dashes or underscores");
  if (await findWorkspace(db, trimmed)) throw new AppError("conflict", `A workspace named ${trimmed} already exists`);
  return insertWorkspace(db, trimmed);
}

/** Creates a user (or sets an existing user's password) as a member of a workspace with a role. */
export async function createUser(db: Db, u: { email: string; password: string; workspace?: string; role?: Role }): Promise<{ userId: string; workspaceId: string; created: boolean }> {
  const email = normaliseEmail(u.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw new AppError("invalid_input", `Not an email address: ${u.email}`);
  const password = PasswordSchema.safeParse(u.password);
  if (!password.success) throw new AppError("invalid_input", password.error.issues[0]?.message ?? "invalid password");
  const role = u.role ?? "owner";
  if (!ROLES.includes(role)) throw new AppError("invalid_input", `role must be one of ${ROLES.join(", ")}`);
  const ws = await workspaceOrFail(db, u.workspace);
  const saved = await saveUserWithMembership(db, { email, passwordHash: await hashPassword(password.data), workspaceId: ws.id, role });
  return { ...saved, workspaceId: ws.id };
}

export async function hasUsers(db: Db): Promise<boolean> {
  return (await countUsers(db)) > 0;
}
