import { describe, expect, it } from "vitest";
import { ScanRequestSchema } from "@/lib/api/schemas";
import { openApiDocument } from "@/lib/api/openapi";

describe("POST /api/v1/scans body", () => {
  it("takes the sequence model as lstm, gru or none, and names the field when it is anything else", () => {
    for (const encoder of ["lstm", "gru", "none"]) expect(ScanRequestSchema.parse({ url: "https://example.com/", encoder }).encoder).toBe(encoder);
    expect(ScanRequestSchema.parse({ url: "https://example.com/" }).encoder).toBeUndefined();
    const bad = ScanRequestSchema.safeParse({ url: "https://example.com/", encoder: "bert" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["encoder"]);
  });

  it("is described in the OpenAPI document with its choices", () => {
    expect(JSON.stringify(openApiDocument())).toMatch(/"encoder":\{[^}]*"enum":\["lstm","gru","none"\]/);
  });
});
