import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { supervise, type Supervisor } from "@/lib/supervisor";

/** A real node process that writes its start time to `log`, then runs `body`. */
const child = (log: string, body: string) => () =>
  spawn(process.execPath, ["-e", `require("fs").appendFileSync(${JSON.stringify(log)}, Date.now() + "\\n"); ${body}`], { stdio: "ignore" });

const starts = (log: string): number[] => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map(Number) : []);

async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

let dir: string;
let sup: Supervisor | undefined;
afterEach(async () => {
  await sup?.stop(500);
  sup = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("supervise", () => {
  it("restarts a child that dies, waiting longer after each quick death", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-sup-"));
    const log = path.join(dir, "starts");
    const events: string[] = [];
    sup = supervise(child(log, "process.exit(3)"), { backoffMs: 100, maxBackoffMs: 400, stableMs: 60_000, onEvent: (e) => events.push(e.kind === "exit" ? `exit ${e.code} wait ${e.restartInMs}` : `restart ${e.restarts}`) });
    await until(() => starts(log).length >= 5);
    const t = starts(log);
    const gaps = t.slice(1).map((x, i) => x - t[i]);
    // each gap is the backoff plus the time to start node: at least the backoff, which doubles up to its cap
    [100, 200, 400, 400].forEach((backoff, i) => expect(gaps[i]).toBeGreaterThanOrEqual(backoff - 10));
    expect(events.slice(0, 4)).toEqual(["exit 3 wait 100", "restart 1", "exit 3 wait 200", "restart 2"]);
    await sup.stop();
    const after = starts(log).length;
    await new Promise((r) => setTimeout(r, 600));
    expect(starts(log).length).toBe(after); // stopped: no more restarts
  });

  it("starts over at the first backoff after a child that ran long enough, and stops a running child", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-sup-"));
    const log = path.join(dir, "starts");
    const waits: number[] = [];
    sup = supervise(child(log, "setTimeout(() => process.exit(1), 300)"), { backoffMs: 100, maxBackoffMs: 1_000, stableMs: 200, onEvent: (e) => e.kind === "exit" && waits.push(e.restartInMs) });
    await until(() => waits.length >= 3);
    expect(waits.slice(0, 3)).toEqual([100, 100, 100]);
    const running = sup.child;
    await sup.stop();
    expect(running.exitCode !== null || running.signalCode !== null).toBe(true);
  });

  it("kills a child that ignores SIGTERM once the grace period is over", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-sup-"));
    const log = path.join(dir, "starts");
    sup = supervise(child(log, "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"));
    await until(() => starts(log).length === 1);
    await new Promise((r) => setTimeout(r, 200)); // let it install its SIGTERM handler
    const running = sup.child;
    await sup.stop(300);
    expect(running.signalCode).toBe("SIGKILL");
    sup = undefined;
  });
});
