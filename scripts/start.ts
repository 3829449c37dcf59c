/**
 * `npm start`: migrate the database, build the dashboard when its sources changed, then run the Next.js server and
 * one worker until Ctrl-C (which stops both). A worker that dies is restarted with backoff while the server stays up.
 * `--web-only` runs the server alone (scale-out web tier); `--dev` runs `next dev` instead of a production build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { config } from "../lib/config";
import { issueSetupToken } from "../lib/auth/setup";
import { openDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { supervise } from "../lib/supervisor";

const root = path.resolve(__dirname, "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const webOnly = args.has("--web-only");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const BUILD_INPUTS = ["app", "lib", "proxy.ts", "next.config.js", "package.json", "tsconfig.json"];

function newestMtime(p: string): number {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(full)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function buildIfNeeded(): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...BUILD_INPUTS.map(newestMtime));
  if (built > sources) return;
  console.error(built ? "topicgate: sources changed since the last build, rebuilding the dashboard…" : "topicgate: building the dashboard (first start)…");
  const result = spawnSync(nextBin, ["build"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("topicgate: the dashboard build failed (see above)");
    process.exit(result.status ?? 1);
  }
}

/** A database without users gets a one-time setup link for its first owner, printed here and nowhere else. */
async function printSetupLink(cfg: ReturnType<typeof config>): Promise<void> {
  const db = openDatabase(cfg);
  try {
    const token = await issueSetupToken(db);
    const base = cfg.publicUrl ?? `http://localhost:${cfg.port}`;
    if (token) console.error(`topicgate: no user yet; create the first owner at ${base}/setup?token=${token}`);
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  const cfg = config();
  const result = await migrate(cfg);
  if (result.applied.length) console.error(`topicgate: database migrated (${result.applied.join(", ")})`);
  await printSetupLink(cfg);
  if (!dev) buildIfNeeded();

  const web = spawn(nextBin, [dev ? "dev" : "start", "-p", String(cfg.port), "-H", cfg.host], { cwd: root, env, stdio: "inherit" });
  // node with the tsx loader rather than the tsx launcher: one process per worker, so signals reach it directly
  const startWorker = (): ChildProcess => spawn(process.execPath, ["--import", "tsx", path.join(root, "workers", "worker.ts")], { cwd: root, env, stdio: "inherit" });
  // a worker that dies is started again (with backoff); the dashboard stays up meanwhile
  const worker = webOnly
    ? null
    : supervise(startWorker, {
        onEvent: (e) =>
          console.error(
            e.kind === "exit"
              ? `topicgate: the worker stopped (${e.signal ?? `exit ${e.code}`}); starting it again in ${Math.round(e.restartInMs / 1000)} s`
              : `topicgate: worker started again (restart ${e.restarts})`,
          ),
      });
  console.error(`topicgate: dashboard at http://localhost:${cfg.port} (${cfg.databaseKind}: ${cfg.databaseKind === "sqlite" ? cfg.databaseUrl : "DATABASE_URL"})${webOnly ? ", no worker" : ", one worker"}`);

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    if (web.exitCode === null) web.kill("SIGTERM");
    const deadline = setTimeout(() => {
      if (web.exitCode === null) web.kill("SIGKILL");
    }, 10_000);
    const webExited = web.exitCode !== null ? null : new Promise((r) => web.once("exit", r));
    Promise.all([webExited, worker?.stop()]).then(() => {
      clearTimeout(deadline);
      process.exit(code);
    });
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  // without the web server there is nothing to serve: stop the worker too
  web.once("exit", (code) => {
    if (!stopping) {
      console.error(`topicgate: the web server stopped (exit ${code}); stopping the worker`);
      stop(code ?? 1);
    }
  });
}

main().catch((error) => {
  console.error(`topicgate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
