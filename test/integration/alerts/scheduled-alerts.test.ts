import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putAlertSettings } from "@/lib/api/alerts";
import { createSchedule } from "@/lib/api/schedules";
import { runScan } from "@/lib/pipeline/run-scan";
import { startAlertWorker } from "@/lib/pipeline/alerts";
import { createScanRecord, startScanWorker } from "@/lib/pipeline/scan-jobs";
import { runDueSchedules } from "@/lib/pipeline/scheduler";
import type { Runtime } from "@/lib/runtime";
import { worklistSite } from "../../fixtures/worklist-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps every message it accepts. */
async function mailbox(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise((r) => server.close(() => r())) };
}

async function receiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/xyz`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

/** Quoted-printable soft line breaks and escapes, as a mail reader undoes them. */
const unQuote = (s: string) => s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

describe("alerts on scheduled scans", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;
  let smtp: Awaited<ReturnType<typeof mailbox>>;
  let hooks: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    smtp = await mailbox();
    hooks = await receiver();
    t = await createTestDatabase();
    rt = await testRuntime(t.file, {
      TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000",
      TOPICGATE_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      TOPICGATE_ALERT_FROM: "TopicGate <alerts@topicgate.test>",
      TOPICGATE_PUBLIC_URL: "https://audit.example.test",
    });
    site = await serveSite(worklistSite());
  });
  afterAll(async () => {
    await rt.close();
    await site.close();
    await smtp.close();
    await hooks.close();
    await t.close();
  });

  it("sends one email and one webhook digest when a scheduled scan finds the authority fallen and new errors", { timeout: 400_000 }, async () => {
    const first = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, (await createScanRecord(rt, { url: site.url, maxPages: 50, allowPrivate: true, trigger: "manual" })).id);
    expect(first.status).toBe("done");
    await putAlertSettings(rt, first.siteId, { emails: ["SEO@example.test", "lead@example.test"], webhookUrl: hooks.url, authorityDrop: 1, newErrors: true, newOffTopic: true, scanFailed: true, scheduledOnly: true });

    // the site loses its content links (every page an orphan, the linking gate falls) and gains a broken link
    for (const [p, html] of site.routes) {
      const stripped = (html as string).replace(/<main>([\s\S]*)<\/main>/, (_m, main: string) => `<main>${main.replace(/<a href="[^"]*">([^<]*)<\/a>/g, "$1")}</main>`);
      site.routes.set(p, p === "/sky/" ? stripped.replace("</main>", '<p><a href="/sky/lost">Lost page</a></p></main>') : stripped);
    }
    const schedule = await createSchedule(rt.db, first.siteId, { cron: "0 3 * * *", enabled: true });
    await rt.db.schedule.update({ where: { id: schedule.id }, data: { nextRunAt: new Date(Date.now() - 1000) } });
    const [run] = await runDueSchedules(rt);
    expect(run.outcome).toBe("started");
    const scheduledId = (run as { scanId: string }).scanId;

    startScanWorker(rt, "test-worker");
    startAlertWorker(rt, "test-worker:alert");
    const deadline = Date.now() + 300_000;
    while ((smtp.mails.length < 1 || hooks.bodies.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 3_000)); // anything more would have been sent by now
    await rt.queue.stop();

    const scanned = await rt.db.scan.findUniqueOrThrow({ where: { id: scheduledId } });
    expect(scanned.status).toBe("done");
    expect(scanned.authority!).toBeLessThanOrEqual(first.authority! - 1);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.from).toBe("alerts@topicgate.test");
    expect(mail.to.sort()).toEqual(["lead@example.test", "seo@example.test"]);
    const raw = unQuote(mail.raw);
    expect(raw).toMatch(/^Subject: TopicGate: 127\.0\.0\.1:\d+: authority fell, new errors/m);
    expect(raw).toContain(`Topical Authority fell from ${first.authority!.toFixed(1)} to ${scanned.authority!.toFixed(1)}`);
    expect(raw).toContain(`Broken internal links: ${new URL("/sky/", site.url).href}`);
    expect(raw).toContain(`report: https://audit.example.test/scans/${scheduledId}`);

    expect(hooks.bodies).toHaveLength(1);
    const hook = JSON.parse(hooks.bodies[0]) as { text: string };
    expect(hook.text).toMatch(/^\*TopicGate: .*: authority fell, new errors/);
    expect(hook.text).toContain(`Topical Authority fell from ${first.authority!.toFixed(1)}`);
    expect(hook.text).toContain(`• Broken internal links: ${new URL("/sky/", site.url).href}`);

    const deliveries = await rt.db.alertDelivery.findMany({ where: { scanId: scheduledId } });
    expect(deliveries.map((d) => [d.channel, d.state]).sort()).toEqual([["email", "delivered"], ["webhook", "delivered"]]);
  });
});
