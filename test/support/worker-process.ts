import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** A real worker process (`npm run worker`) with the given environment; its output is kept for failure messages. */
export function startWorkerProcess(env: Record<string, string>): ChildProcess & { log: () => string } {
  let log = "";
  // one process (node with the tsx loader), so a SIGKILL reaches the worker itself and not only a launcher
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "workers", "worker.ts")], {
    cwd: root,
    env: { ...process.env, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", TOPICGATE_ENCODER_TIME_BUDGET_MS: "15000", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  return Object.assign(child, { log: () => log });
}
