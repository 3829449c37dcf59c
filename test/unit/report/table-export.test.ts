import { describe, expect, it } from "vitest";
import { EXPORT_BATCH, streamCsv, type CsvRow } from "@/lib/report/table-export";

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("streamCsv", () => {
  it("writes the header once and every row of every batch, asking for batches until the total is reached", async () => {
    const total = EXPORT_BATCH + 2;
    const asked: number[] = [];
    const csv = await text(
      streamCsv(async (page, pageSize) => {
        asked.push(page);
        const from = (page - 1) * pageSize;
        const rows: CsvRow[] = Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) => ({ n: from + i, label: `row, ${from + i}` }));
        return { rows, total };
      }),
    );
    const lines = csv.trimEnd().split("\r\n");
    expect(asked).toEqual([1, 2]);
    expect(lines[0]).toBe("n,label");
    expect(lines).toHaveLength(total + 1);
    expect(lines[total]).toBe(`${total - 1},"row, ${total - 1}"`);
    expect(lines.filter((l) => l === "n,label")).toHaveLength(1);
  });

  it("stops after the first batch of an empty table", async () => {
    let calls = 0;
    const csv = await text(streamCsv(async () => (calls++, { rows: [], total: 0 })));
    expect(calls).toBe(1);
    expect(csv.trim()).toBe("");
  });
});
