import path from "node:path";
import { z } from "zod";

/** Environment parsed once. Everything configurable about TopicGate is here. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().optional(),
  TOPICGATE_ALLOW_PRIVATE_HOSTS: z.enum(["0", "1", "true", "false"]).default("0"),
  TOPICGATE_USER_AGENT: z.string().default("TopicGateBot/0.1 (+https://topicgate.dev/bot)"),
  TOPICGATE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** how long a worker's claim on a job holds without a heartbeat (a killed worker's job is taken over after it) */
  TOPICGATE_JOB_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
  /** PostgreSQL mode: the lease of a pg-boss job; a killed worker's job is retried once it runs out */
  TOPICGATE_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(120),
  /** upper bound on LSTM training time per scan (the encoder also stops early when held-out loss stops improving) */
  // a safety stop three times what the largest budget takes at 2k tokens/s (a loaded machine); the token budget is the real stop
  TOPICGATE_ENCODER_TIME_BUDGET_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(180_000),
  /** scale-out: other workers asked to join each scan's crawl (the frontier is shared in the database) */
  TOPICGATE_CRAWL_HELPERS: z.coerce.number().int().min(0).max(64).default(0),
  /** TensorFlow.js backend the encoder tries first; it falls back along tensorflow -> wasm -> cpu from there */
  TOPICGATE_TF_BACKEND: z.enum(["tensorflow", "wasm", "cpu"]).optional(),
  /** unset: info for the servers and workers, warn for the CLI (whose standard error carries progress) */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** the API key the CLI's MCP server acts with */
  TOPICGATE_API_KEY: z.string().min(1).optional(),
  /** requests one API key may make per minute, shared by every web server through the database */
  TOPICGATE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** scans one API key may have queued or running at once */
  TOPICGATE_MAX_CONCURRENT_SCANS_PER_KEY: z.coerce.number().int().min(1).max(1000).default(3),
  /** how often the worker's scheduler looks for due schedules */
  TOPICGATE_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(1_000),
  /** how long a webhook target may take to answer before the delivery counts as failed (and is retried) */
  TOPICGATE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** 32 random bytes (base64 or hex) that encrypt stored credentials (the Search Console connector's key) */
  TOPICGATE_SECRET_KEY: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().refine((v) => secretKeyBytes(v) === 32, "must be 32 random bytes as base64 or hex (openssl rand -base64 32)").optional(),
  ),
  /** largest search-data file an import accepts (API body or CLI file) */
  TOPICGATE_SEARCH_DATA_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(50 * 1024 * 1024),
  /** Search Console endpoints; tests point them at a local stand-in (which then also needs TOPICGATE_ALLOW_PRIVATE_HOSTS) */
  TOPICGATE_GSC_API_BASE: z.url().default("https://www.googleapis.com/webmasters/v3"),
  TOPICGATE_GSC_TOKEN_URL: z.url().default("https://oauth2.googleapis.com/token"),
  /** Chromium that prints PDF reports */
  TOPICGATE_CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** mail server for alert emails: smtp://user:password@host:587 (STARTTLS when offered) or smtps://...:465 */
  TOPICGATE_SMTP_URL: z.url({ protocol: /^smtps?$/, error: "TOPICGATE_SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  /** the From of alert emails */
  TOPICGATE_ALERT_FROM: z.string().min(3).max(200).default("TopicGate <topicgate@localhost>"),
  /** the address people reach TopicGate at (links in alerts and share links), e.g. https://audit.example.com */
  TOPICGATE_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "TOPICGATE_PUBLIC_URL must be an http(s) URL" }).optional(),
  /** key that signs share links (at least 32 characters); unset: one is generated and kept in the database */
  /** more host names (or host:port) the dashboard and API answer to, comma-separated, beside loopback and the public URL's */
  TOPICGATE_ALLOWED_HOSTS: z.string().max(4000).default(""),
  /** 1: a reverse proxy in front sets X-Forwarded-Proto and X-Forwarded-For, and they are believed */
  TOPICGATE_TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  TOPICGATE_SHARE_SECRET: z.string().min(32, "TOPICGATE_SHARE_SECRET must be at least 32 characters").optional(),
});

function secretKeyBytes(v: string): number {
  return /^[0-9a-f]{64}$/i.test(v) ? 32 : /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? Buffer.from(v, "base64").length : 0;
}

export type DatabaseKind = "sqlite" | "postgresql";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseKind: DatabaseKind;
  /** file path for SQLite, connection string for PostgreSQL */
  databaseUrl: string;
  allowPrivateHosts: boolean;
  userAgent: string;
  workerConcurrency: number;
  jobLeaseMs: number;
  jobExpireSeconds: number;
  encoderTimeBudgetMs: number;
  crawlHelpers: number;
  tfBackend?: "tensorflow" | "wasm" | "cpu";
  logLevel: string;
  /** the CLI's log level: LOG_LEVEL when set, else warn */
  cliLogLevel: string;
  apiKey?: string;
  rateLimitPerMinute: number;
  maxConcurrentScansPerKey: number;
  schedulerIntervalMs: number;
  webhookTimeoutMs: number;
  /** base64 or hex key for stored credentials; undefined when not set (connectors then cannot be configured) */
  secretKey?: string;
  searchDataMaxBytes: number;
  gscApiBase: string;
  gscTokenUrl: string;
  chromiumPath: string;
  smtpUrl?: string;
  alertFrom: string;
  publicUrl?: string;
  shareSecret?: string;
  /** lower-cased host names or host:port, beside loopback names and the public URL's host */
  allowedHosts: string[];
  trustProxy: boolean;
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const { kind, url } = resolveDatabase(e.DATABASE_URL, dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseKind: kind,
    databaseUrl: url,
    allowPrivateHosts: e.TOPICGATE_ALLOW_PRIVATE_HOSTS === "1" || e.TOPICGATE_ALLOW_PRIVATE_HOSTS === "true",
    userAgent: e.TOPICGATE_USER_AGENT,
    workerConcurrency: e.TOPICGATE_WORKER_CONCURRENCY,
    jobLeaseMs: e.TOPICGATE_JOB_LEASE_MS,
    jobExpireSeconds: e.TOPICGATE_JOB_EXPIRE_SECONDS,
    encoderTimeBudgetMs: e.TOPICGATE_ENCODER_TIME_BUDGET_MS,
    crawlHelpers: e.TOPICGATE_CRAWL_HELPERS,
    tfBackend: e.TOPICGATE_TF_BACKEND,
    logLevel: e.LOG_LEVEL ?? "info",
    cliLogLevel: e.LOG_LEVEL ?? "warn",
    apiKey: e.TOPICGATE_API_KEY,
    rateLimitPerMinute: e.TOPICGATE_RATE_LIMIT_PER_MINUTE,
    maxConcurrentScansPerKey: e.TOPICGATE_MAX_CONCURRENT_SCANS_PER_KEY,
    schedulerIntervalMs: e.TOPICGATE_SCHEDULER_INTERVAL_MS,
    webhookTimeoutMs: e.TOPICGATE_WEBHOOK_TIMEOUT_MS,
    secretKey: e.TOPICGATE_SECRET_KEY,
    searchDataMaxBytes: e.TOPICGATE_SEARCH_DATA_MAX_BYTES,
    gscApiBase: e.TOPICGATE_GSC_API_BASE.replace(/\/+$/, ""),
    gscTokenUrl: e.TOPICGATE_GSC_TOKEN_URL,
    chromiumPath: e.TOPICGATE_CHROMIUM_PATH,
    smtpUrl: e.TOPICGATE_SMTP_URL,
    alertFrom: e.TOPICGATE_ALERT_FROM,
    publicUrl: e.TOPICGATE_PUBLIC_URL?.replace(/\/+$/, ""),
    shareSecret: e.TOPICGATE_SHARE_SECRET,
    allowedHosts: e.TOPICGATE_ALLOWED_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
    trustProxy: e.TOPICGATE_TRUST_PROXY === "1" || e.TOPICGATE_TRUST_PROXY === "true",
  };
}

function resolveDatabase(databaseUrl: string | undefined, dataDir: string): { kind: DatabaseKind; url: string } {
  if (!databaseUrl) return { kind: "sqlite", url: path.join(dataDir, "topicgate.db") };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: "postgresql", url: databaseUrl };
  if (databaseUrl.startsWith("file:")) return { kind: "sqlite", url: path.resolve(databaseUrl.slice("file:".length)) };
  throw new Error(`Invalid configuration: DATABASE_URL must start with postgresql:// or file: (got "${databaseUrl}")`);
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig();
  return cached;
}
