import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client";
import { deleteInstanceSecret, readInstanceSecret, writeInstanceSecret } from "../db/instance-secrets";
import { AppError } from "../errors";
import { createUser, hasUsers } from "./users";

/** Where the first-run setup token's hash is kept (InstanceSecret); it is replaced at every start until an owner exists. */
const SETUP_SECRET = "setup-token-sha256";

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * On a database without users: a new one-time setup token (its hash stored), to be printed in the server log. Null once
 * an owner exists: setup is closed for good.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if (await hasUsers(db)) return null;
  const token = randomBytes(24).toString("base64url");
  const value = sha256(token).toString("hex");
  await writeInstanceSecret(db, SETUP_SECRET, value);
  return token;
}

async function tokenMatches(db: Db, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const stored = await readInstanceSecret(db, SETUP_SECRET);
  if (!stored) return false;
  const expected = Buffer.from(stored, "hex");
  const given = sha256(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The setup page is open while no user exists, to whoever holds the token printed in the server log. */
export async function setupOpen(db: Db, token: string | undefined): Promise<boolean> {
  return !(await hasUsers(db)) && (await tokenMatches(db, token));
}

/** Creates the first owner (in the default workspace) and closes setup. */
export async function completeSetup(db: Db, input: { token?: string; email: string; password: string }): Promise<{ userId: string; workspaceId: string }> {
  if (!(await setupOpen(db, input.token))) throw new AppError("not_found", "Setup is closed: an owner exists, or the setup link is not the one printed in the server log");
  const created = await createUser(db, { email: input.email, password: input.password, role: "owner" });
  await deleteInstanceSecret(db, SETUP_SECRET);
  return created;
}
