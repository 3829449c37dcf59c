/**
 * npm run bench:scale — crawl throughput of one generated site with 1 and 2 workers on PostgreSQL and with the
 * embedded SQLite mode, peak RSS per process and database size, at growing site sizes (SCALE, default
 * "10000,100000") to show how time and memory grow. The site is served by bench/crawl.ts's generator in a child
 * process; every crawler is its own process, as workers are in production.
 *
 *   SCALE=2000,10000 npm run bench:scale
 *   SCALE=100000 CONFIGS=postgresql:1,postgresql:2 npm run bench:scale
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(__dirname, "..");
const SCALE = (process.env.SCALE ?? "10000,100000").split(",").map(Number);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
// which configurations to run, e.g. CONFIGS=postgresql:1,postgresql:2 (default: all three)
const CONFIGS = (process.env.CONFIGS ?? "sqlite:1,postgresql:1,postgresql:2").split(",").map((c) => {
  const [kind, workers] = c.split(":");
  if ((kind !== "sqlite" && kind !== "postgresql") || !(Number(workers) >= 1)) throw new Error(`CONFIGS: "${c}" is not sqlite:N or postgresql:N`);
  return [kind, Number(workers)] as const;
});
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

interface WorkerResult {
  pages: number;
  seconds: number;
  /** user + system CPU of the crawler process: steadier than wall time on a shared machine */
  cpuSeconds: number;
  peakRssMiB: number;
  /** most URLs this worker held claimed at once (sampled every second): fetched-but-unstored pages count here */
  peakClaims: number;
}

interface RunResult {
  config: string;
  n: number;
  pages: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  dbMiB: number;
}

function node(args: string[]): { done: Promise<string>; firstLine: Promise<string>; kill: () => void } {
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let resolveLine: (s: string) => void = () => undefined;
  const firstLine = new Promise<string>((r) => (resolveLine = r));
  proc.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    const nl = out.indexOf("\n");
    if (nl >= 0) resolveLine(out.slice(0, nl));
  });
  const done = new Promise<string>((resolve, reject) => proc.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited with ${code}`)))));
  let killed = false;
  done.catch((error) => {
    if (!killed) console.error(error.message);
  });
  return { done, firstLine, kill: () => ((killed = true), proc.kill()) };
}

/** Child mode: one worker crawling the given scan until its frontier is exhausted. */
async function crawlWorker(kind: string, url: string, scanId: string, startUrl: string, maxPages: number): Promise<void> {
  const { openDatabase } = await import("@/lib/db/client");
  const { runCrawl, defaultCrawlOptions } = await import("@/lib/crawl");
  const { crawlStore } = await import("@/lib/db/crawl-store");
  const db = openDatabase({ databaseKind: kind as "sqlite" | "postgresql", databaseUrl: url });
  const t = performance.now();
  const workerId = `bench:${process.pid}`;
  let peakClaims = 0;
  const sampler = setInterval(() => {
    void db.frontierEntry
      .count({ where: { scanId, state: "fetching", claimedBy: workerId } })
      .then((n) => (peakClaims = Math.max(peakClaims, n)))
      .catch(() => undefined);
  }, 1000);
  const summary = await runCrawl(crawlStore(db), scanId, defaultCrawlOptions(startUrl, { allowPrivate: true, maxPages, maxDepth: 1000, concurrency: CONCURRENCY }), { workerId });
  clearInterval(sampler);
  const usage = process.resourceUsage();
  const result: WorkerResult = {
    pages: summary.pagesFetched,
    seconds: (performance.now() - t) / 1000,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMiB: usage.maxRSS / 1024,
    peakClaims,
  };
  await db.$disconnect();
  process.stdout.write(JSON.stringify(result) + "\n");
}

async function prepare(kind: "sqlite" | "postgresql", startUrl: string): Promise<{ url: string; scanId: string; size: () => Promise<number>; drop: () => Promise<void> }> {
  const { migrate } = await import("@/lib/db/migrate");
  const { openDatabase } = await import("@/lib/db/client");
  let url: string;
  let size: () => Promise<number>;
  let drop: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-scale-"));
    url = path.join(dir, "scale.db");
    size = async () => ["", "-wal"].reduce((s, suffix) => s + (fs.existsSync(url + suffix) ? fs.statSync(url + suffix).size : 0), 0);
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `tg_scale_${process.pid}_${Date.now()}`;
    url = `${PG_ADMIN}?schema=${schema}`;
    const query = async (sql: string) => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.end();
      }
    };
    size = async () => Number((await query(`SELECT COALESCE(SUM(pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename))), 0) AS b FROM pg_tables WHERE schemaname = '${schema}'`)).rows[0].b);
    drop = async () => void (await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }
  await migrate({ databaseKind: kind, databaseUrl: url }, ROOT);
  const db = openDatabase({ databaseKind: kind, databaseUrl: url });
  const site = await db.site.create({ data: { url: startUrl, name: "scale", settings: {} } });
  const scan = await db.scan.create({ data: { siteId: site.id, url: startUrl, progress: {}, options: {} } });
  await db.$disconnect();
  return { url, scanId: scan.id, size, drop };
}

async function run(kind: "sqlite" | "postgresql", workers: number, startUrl: string, n: number): Promise<RunResult> {
  const target = await prepare(kind, startUrl);
  const load = os.loadavg()[0];
  const t = performance.now();
  const results = await Promise.all(
    Array.from({ length: workers }, () => {
      const w = node([__filename, "worker", kind, target.url, target.scanId, startUrl, String(n)]);
      // a worker that dies fails the run instead of leaving it waiting for a result line
      const died = w.done.then(() => Promise.reject(new Error("a crawler exited without a result")));
      return Promise.race([w.firstLine, died]).then((l) => JSON.parse(l) as WorkerResult);
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  // every worker reports the scan's total (the frontier is shared), not its own share
  const pages = Math.max(...results.map((r) => r.pages));
  const bytes = await target.size();
  await target.drop();
  const cpuSeconds = results.reduce((s, r) => s + r.cpuSeconds, 0);
  const rss = results.map((r) => r.peakRssMiB.toFixed(0)).join("/");
  const claims = results.map((r) => r.peakClaims).join("/");
  console.log(
    `${`${kind} x${workers}`.padEnd(14)} ${String(n).padStart(7)} pages  ${seconds.toFixed(1).padStart(7)} s  ${(pages / seconds).toFixed(1).padStart(6)} pages/s` +
      `  crawler CPU ${cpuSeconds.toFixed(0).padStart(5)} s (${((cpuSeconds * 1000) / pages).toFixed(2)} ms/page)  peak RSS ${rss} MiB  claims held ≤${claims}  db ${(bytes / 2 ** 20).toFixed(1)} MiB` +
      `  load ${load.toFixed(1)}→${os.loadavg()[0].toFixed(1)}`,
  );
  return { config: `${kind} x${workers}`, n, pages, seconds, cpuSeconds, peakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)), dbMiB: bytes / 2 ** 20 };
}

/** Growth from the smallest to the largest size, per configuration: a ratio at or below the page ratio is linear or better. */
function printGrowth(all: RunResult[]): void {
  const sizes = [...new Set(all.map((r) => r.n))].sort((a, b) => a - b);
  if (sizes.length < 2) return;
  const [lo, hi] = [sizes[0], sizes[sizes.length - 1]];
  console.log(`growth from ${lo} to ${hi} pages (pages x${(hi / lo).toFixed(1)}):`);
  for (const config of [...new Set(all.map((r) => r.config))]) {
    const a = all.find((r) => r.config === config && r.n === lo);
    const b = all.find((r) => r.config === config && r.n === hi);
    if (!a || !b) continue;
    const x = (p: number, q: number) => `x${(q / p).toFixed(2)}`;
    console.log(
      `  ${config.padEnd(14)} pages ${x(a.pages, b.pages)}  wall time ${x(a.seconds, b.seconds)}  crawler CPU ${x(a.cpuSeconds, b.cpuSeconds)}  peak RSS ${x(a.peakRssMiB, b.peakRssMiB)}  db ${x(a.dbMiB, b.dbMiB)}`,
    );
  }
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "worker") return crawlWorker(args[0], args[1], args[2], args[3], Number(args[4]));
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${CONCURRENCY} requests per worker, sizes ${SCALE.join(", ")}\n`);
  const all: RunResult[] = [];
  for (const n of SCALE) {
    const server = node([path.join(ROOT, "bench", "crawl.ts"), "serve-generated", String(n)]);
    const { port } = JSON.parse(await server.firstLine) as { port: number };
    const startUrl = `http://127.0.0.1:${port}/p/0.html`;
    try {
      for (const [kind, workers] of CONFIGS) all.push(await run(kind, workers, startUrl, n));
    } finally {
      server.kill();
    }
    console.log("");
  }
  printGrowth(all);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
