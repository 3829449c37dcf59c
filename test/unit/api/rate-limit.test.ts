import { describe, expect, it } from "vitest";
import { RATE_WINDOW_MS, rateWindow } from "@/lib/api/rate-limit";

describe("rate-limit window", () => {
  it("puts every instant of one minute in the same window and the next minute in the next", () => {
    const start = 29_000_000 * RATE_WINDOW_MS;
    expect(rateWindow(start).index).toBe(29_000_000);
    expect(rateWindow(start + RATE_WINDOW_MS - 1).index).toBe(29_000_000);
    expect(rateWindow(start + RATE_WINDOW_MS).index).toBe(29_000_001);
  });

  it("tells a limited client to retry when the window resets, never sooner than 1 s", () => {
    const start = 29_000_000 * RATE_WINDOW_MS;
    expect(rateWindow(start).resetSeconds).toBe(60);
    expect(rateWindow(start + 59_500).resetSeconds).toBe(1);
    expect(rateWindow(start + RATE_WINDOW_MS - 1).resetSeconds).toBe(1);
    expect(rateWindow(start + 30_000).resetSeconds).toBe(30);
  });

  it("supports other window lengths", () => {
    expect(rateWindow(10_500, 1_000)).toEqual({ index: 10, resetSeconds: 1 });
  });
});
