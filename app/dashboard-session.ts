import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { assertOwned } from "@/lib/api/access";
import { SESSION_COOKIE, sessionOfToken, type Session } from "@/lib/auth/sessions";
import type { OwnedKind } from "@/lib/db/workspaces";
import { sharedRuntime } from "@/lib/runtime";

/** The signed-in person of this page request (checked once per request); without a live session, the login page. */
export const currentSession = cache(async (): Promise<Session> => {
  const rt = await sharedRuntime();
  const session = await sessionOfToken(rt.db, (await cookies()).get(SESSION_COOKIE)?.value);
  if (!session) redirect("/login");
  return session;
});

/** A record of another workspace is a page that does not exist (404), as on the API. */
export async function requireOwned(kind: OwnedKind, id: string): Promise<Session> {
  const session = await currentSession();
  const rt = await sharedRuntime();
  try {
    await assertOwned(rt.db, { workspaceId: session.workspaceId, canWrite: false }, kind, id);
  } catch {
    notFound();
  }
  return session;
}
