import { describe, expect, it } from "vitest";
import { acceptsGzip } from "@/lib/api/scans";

describe("acceptsGzip", () => {
  it("accepts gzip, x-gzip and * unless their quality is zero", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.0, identity")).toBe(false);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
  });

  it("refuses a missing header and other codings", () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("deflate, br")).toBe(false);
  });
});
