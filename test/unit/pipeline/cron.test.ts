import { describe, expect, it } from "vitest";
import { ScheduleCreateSchema } from "@/lib/api/schemas";
import { nextRunAfter, validateCron } from "@/lib/pipeline/cron";

describe("cron validation", () => {
  it("accepts five-field and six-field (seconds) expressions", () => {
    expect(() => validateCron("0 3 * * 1")).not.toThrow();
    expect(() => validateCron("*/2 * * * * *")).not.toThrow();
    expect(() => validateCron("@daily")).not.toThrow();
  });

  it("refuses malformed expressions with croner's reason", () => {
    expect(() => validateCron("every day")).toThrow(/Invalid cron expression "every day"/);
    expect(() => validateCron("61 * * * *")).toThrow(/Invalid cron expression/);
    expect(() => validateCron("* * * * * * * *")).toThrow(/five, six, or seven/);
  });

  it("reports the reason as a 400 message through the request schema", () => {
    const r = ScheduleCreateSchema.safeParse({ cron: "not a cron" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/Invalid cron expression/);
    expect(ScheduleCreateSchema.parse({ cron: "0 * * * *" })).toEqual({ cron: "0 * * * *", enabled: true });
  });

  it("computes the next run strictly after a time", () => {
    const t = new Date("2026-01-01T10:00:00.000Z");
    expect(nextRunAfter("*/2 * * * * *", t)?.toISOString()).toBe("2026-01-01T10:00:02.000Z");
    expect(nextRunAfter("30 10 * * *", t)?.getUTCMinutes()).toBe(30);
  });
});
