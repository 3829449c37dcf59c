import type { Logger } from "pino";
import { config as loadConfig, type Config } from "./config";
import { openDatabase, type Db } from "./db/client";
import { migrate } from "./db/migrate";
import type { EncoderBackend } from "./encode/backend";
import { createLogger } from "./logger";
import { EmbeddedQueue } from "./queue/embedded-queue";
import { PG_BOSS_SCHEMA, PgBossQueue } from "./queue/pg-boss-queue";
import { parsePostgresUrl } from "./db/postgres-url";
import type { JobQueue } from "./queue/types";

/** Everything a process needs, built once from the configuration: the database, the queue and the logger. */
export interface Runtime {
  config: Config;
  db: Db;
  queue: JobQueue;
  logger: Logger;
  /** the TensorFlow.js backend, chosen at start in processes that encode (workers, the CLI); null elsewhere */
  encoderBackend: EncoderBackend | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config?: Config;
  migrate?: boolean;
  logger?: Logger;
  /**
   * this process encodes: the encoder's backend choice (lib/encode's initBackend), made now from TOPICGATE_TF_BACKEND
   * and the fallbacks; passed in so that a process that does not encode (the web server) never loads TensorFlow.js
   */
  chooseEncoderBackend?: (preferred: EncoderBackend | undefined, log: Logger) => Promise<EncoderBackend>;
}

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const cfg = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(cfg.logLevel);
  if (options.migrate) {
    const result = await migrate(cfg);
    if (result.applied.length) logger.info({ applied: result.applied }, "database migrated");
  }
  const encoderBackend = options.chooseEncoderBackend ? await options.chooseEncoderBackend(cfg.tfBackend, logger) : null;
  if (encoderBackend) logger.info({ backend: encoderBackend }, "TensorFlow.js backend chosen");
  const db = openDatabase(cfg);
  const queue = createQueue(cfg, db, logger);
  return {
    config: cfg,
    db,
    queue,
    logger,
    encoderBackend,
    async close() {
      const t0 = Date.now();
      await queue.stop();
      logger.debug({ ms: Date.now() - t0 }, "queue stopped");
      // A pooled PostgreSQL connection lost mid-transaction (server restart) is never returned to the pool, and
      // closing the pool would wait for it forever: give the disconnect a bound.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([db.$disconnect(), new Promise<void>((resolve) => (timer = setTimeout(resolve, DISCONNECT_TIMEOUT_MS)))]);
      clearTimeout(timer);
    },
  };
}

const DISCONNECT_TIMEOUT_MS = 5_000;

/** The one place the queue backend is chosen: pg-boss on PostgreSQL, the embedded queue on SQLite. */
function createQueue(cfg: Config, db: Db, logger: Logger): JobQueue {
  if (cfg.databaseKind === "postgresql") {
    const target = parsePostgresUrl(cfg.databaseUrl);
    return new PgBossQueue({
      connectionString: target.connectionString,
      schema: target.schema === "public" ? PG_BOSS_SCHEMA : `${target.schema}_pgboss`,
      expireInSeconds: cfg.jobExpireSeconds,
      onRegisterError: (queue, err, retryInMs) => logger.warn({ queue, err, retryInMs }, "could not start working on the queue; trying again"),
    });
  }
  return new EmbeddedQueue(db, logger);
}

const globalRuntime = globalThis as unknown as { __topicgateRuntime?: Promise<Runtime> };

/** The web server's shared runtime (created lazily on the first request; survives hot reloads in development). */
export function sharedRuntime(): Promise<Runtime> {
  globalRuntime.__topicgateRuntime ??= createRuntime();
  return globalRuntime.__topicgateRuntime;
}
