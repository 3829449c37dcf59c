import os from "node:os";
import { startScanWorker } from "../lib/pipeline/scan-jobs";
import { createRuntime } from "../lib/runtime";

/**
 * The worker process: claims scan jobs and runs the pipeline. Any number may run against one database.
 * Ctrl-C / SIGTERM hands the running job back so the next worker resumes it.
 */
export async function runWorker(options: { migrate?: boolean } = {}): Promise<void> {
  const rt = await createRuntime({ migrate: options.migrate ?? false });
  const workerId = `${os.hostname()}:${process.pid}`;
  for (let i = 0; i < rt.config.workerConcurrency; i++) startScanWorker(rt, `${workerId}:${i}`);
  rt.logger.info({ workerId, concurrency: rt.config.workerConcurrency, database: rt.config.databaseKind }, "worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rt.logger.info({ signal }, "worker stopping");
    await rt.queue.stop({ abortRunning: true });
    await rt.db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

if (require.main === module || process.argv[1]?.endsWith("workers/worker.ts")) {
  runWorker({ migrate: process.argv.includes("--migrate") }).catch((error) => {
    console.error(`topicgate worker: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
