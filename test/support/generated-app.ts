import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { startApp, type RunningApp } from "./app-server";
import { launchBrowser } from "./browser";
import { browserSession, type BrowserSession } from "./session";
import { generateScan } from "./generated-scan";

export interface GeneratedScanApp {
  app: RunningApp;
  browser: Browser;
  /** an owner signed in through the login page: open pages with session.context.newPage() */
  session: BrowserSession;
  /** path of the generated scan's views, e.g. `/scans/<id>` */
  base: string;
  close(): Promise<void>;
}

/** The dashboard on a fresh SQLite data directory holding one generated scan of `pages` pages, and a browser. */
export async function startGeneratedScanApp(
  pages: number,
  dirPrefix: string,
  /** adds to the generated scan before the dashboard starts (extraction values, render facts...) */
  seed?: (db: ReturnType<typeof openDatabase>, scanId: string) => Promise<void>,
): Promise<GeneratedScanApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  const file = path.join(dataDir, "topicgate.db");
  await migrate({ databaseKind: "sqlite", databaseUrl: file });
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  const { scanId } = await generateScan(db, pages);
  await seed?.(db, scanId);
  await db.$disconnect();
  const app = await startApp({ DATA_DIR: dataDir });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
  const session = await browserSession(app, browser).catch(async (error: unknown) => {
    await browser.close();
    await app.stop();
    throw error;
  });
  return {
    app,
    browser,
    session,
    base: `/scans/${scanId}`,
    async close() {
      await browser.close();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
