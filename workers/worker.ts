import os from "node:os";
import { startCrawlHelperWorker, startScanWorker } from "../lib/pipeline/scan-jobs";
import { startAlertWorker } from "../lib/pipeline/alerts";
import { startScheduler } from "../lib/pipeline/scheduler";
import { startSearchConsoleWorker } from "../lib/pipeline/search-console-sync";
import { startWebhookWorker } from "../lib/pipeline/webhooks";
import { initBackend } from "../lib/encode/backend";
import { createRuntime } from "../lib/runtime";

/**
 * The worker process: claims scan jobs and runs the pipeline, delivers webhooks and alerts, and runs the recrawl scheduler. Any number may run against one database.
 * Ctrl-C / SIGTERM hands the running job back so the next worker resumes it.
 */
export async function runWorker(options: { migrate?: boolean } = {}): Promise<void> {
  const rt = await createRuntime({ migrate: options.migrate ?? false, chooseEncoderBackend: initBackend });
  const workerId = `${os.hostname()}:${process.pid}`;
  for (let i = 0; i < rt.config.workerConcurrency; i++) startScanWorker(rt, `${workerId}:${i}`);
  startWebhookWorker(rt, `${workerId}:webhook`);
  startSearchConsoleWorker(rt, `${workerId}:search-console`);
  startAlertWorker(rt, `${workerId}:alert`);
  if (rt.config.crawlHelpers > 0) startCrawlHelperWorker(rt, `${workerId}:crawl`);
  const scheduler = startScheduler(rt);
  rt.logger.info({ workerId, concurrency: rt.config.workerConcurrency, database: rt.config.databaseKind }, "worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rt.logger.info({ signal }, "worker stopping");
    await scheduler.stop();
    await rt.queue.stop({ abortRunning: true });
    await rt.close();
    process.exit(0);
  };
  // The PostgreSQL driver adapter rejects a promise nobody holds when the server drops a connection in the middle
  // of a transaction (a database restart). The operation itself fails and its job is retried; the worker lives on.
  process.on("unhandledRejection", (err) => rt.logger.error({ err }, "unhandled rejection (connection lost?)"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

if (require.main === module || process.argv[1]?.endsWith("workers/worker.ts")) {
  runWorker({ migrate: process.argv.includes("--migrate") }).catch((error) => {
    console.error(`topicgate worker: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
