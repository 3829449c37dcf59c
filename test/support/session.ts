import type { Browser, BrowserContext } from "playwright-core";
import { createUser } from "@/lib/auth/users";
import { openDatabase } from "@/lib/db/client";
import type { Role } from "@/lib/db/users";
import type { RunningApp } from "./app-server";

export const TEST_PASSWORD = "correct horse battery";

/** Creates a dashboard user on the app's database (what `npx topicgate users create` does). */
export async function addUser(app: RunningApp, u: { email: string; password?: string; workspace?: string; role?: Role }): Promise<void> {
  const db = openDatabase(app.database);
  try {
    await createUser(db, { email: u.email, password: u.password ?? TEST_PASSWORD, workspace: u.workspace, role: u.role });
  } finally {
    await db.$disconnect();
  }
}

/** Signs in through POST /api/auth/login and returns the Cookie header value of the session. */
export async function signIn(app: RunningApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const r = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("sign-in set no cookie");
  return cookie;
}

/** fetch with a session cookie (and the headers a same-origin page sends). */
export function sessionFetch(app: RunningApp, cookie: string) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", cookie);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return fetch(app.url + path, { ...init, headers });
  };
}

export interface BrowserSession {
  /** a browser context that carries the session: open pages with context.newPage() */
  context: BrowserContext;
  cookie: string;
  /** fetch on the app with the session cookie */
  fetch: ReturnType<typeof sessionFetch>;
}

/**
 * An owner of the default workspace, signed in once through the login page in Chromium; the context keeps the cookie
 * for every page the test opens, and `fetch` reuses it for requests made outside the browser.
 */
export async function browserSession(app: RunningApp, browser: Browser, email = "owner@example.test"): Promise<BrowserSession> {
  await addUser(app, { email });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(app.url + "/");
  await page.waitForURL(/\/login/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(app.url + "/");
  await page.close();
  const session = (await context.cookies(app.url)).find((c) => c.name === "tg_session");
  if (!session) throw new Error("the login page set no session cookie");
  const cookie = `${session.name}=${session.value}`;
  return { context, cookie, fetch: sessionFetch(app, cookie) };
}
