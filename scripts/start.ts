/**
 * `npm start`: migrate the database, build the dashboard when its sources changed, then run the Next.js server and
 * one worker until Ctrl-C (which stops both). `--web-only` runs the server alone (scale-out web tier);
 * `--dev` runs `next dev` instead of a production build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { config } from "../lib/config";
import { migrate } from "../lib/db/migrate";

const root = path.resolve(__dirname, "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const webOnly = args.has("--web-only");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const BUILD_INPUTS = ["app", "lib", "next.config.js", "package.json", "tsconfig.json"];

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

async function main(): Promise<void> {
  const cfg = config();
  const result = await migrate(cfg);
  if (result.applied.length) console.error(`topicgate: database migrated (${result.applied.join(", ")})`);
  if (!dev) buildIfNeeded();

  const children: ChildProcess[] = [];
  const web = spawn(nextBin, [dev ? "dev" : "start", "-p", String(cfg.port), "-H", cfg.host], { cwd: root, env, stdio: "inherit" });
  children.push(web);
  // node with the tsx loader rather than the tsx launcher: one process per worker, so signals reach it directly
  if (!webOnly) children.push(spawn(process.execPath, ["--import", "tsx", path.join(root, "workers", "worker.ts")], { cwd: root, env, stdio: "inherit" }));
  console.error(`topicgate: dashboard at http://localhost:${cfg.port} (${cfg.databaseKind}: ${cfg.databaseKind === "sqlite" ? cfg.databaseUrl : "DATABASE_URL"})${webOnly ? ", no worker" : ", one worker"}`);

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    const deadline = setTimeout(() => {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    }, 10_000);
    Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once("exit", r))))).then(() => {
      clearTimeout(deadline);
      process.exit(code);
    });
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  for (const c of children) {
    c.once("exit", (code) => {
      if (!stopping) {
        console.error(`topicgate: a process stopped (exit ${code}); stopping the others`);
        stop(code ?? 1);
      }
    });
  }
}

main().catch((error) => {
  console.error(`topicgate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
