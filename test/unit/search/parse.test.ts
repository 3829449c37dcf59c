import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseMetric } from "@/lib/search/numbers";
import { parseSearchData } from "@/lib/search/parse";

const SITE = "https://example.com/";
const bytes = (s: string) => new TextEncoder().encode(s);
const parse = (s: string | Uint8Array, opts: Partial<Parameters<typeof parseSearchData>[1]> = {}) => parseSearchData(typeof s === "string" ? bytes(s) : s, { siteUrl: SITE, ...opts });

function invalid(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toMatch(/invalid_input|too_large/);
    expect((e as AppError).message).toMatch(message);
    return;
  }
  throw new Error("expected an error");
}

describe("numbers as exports write them", () => {
  it("reads thousands separators, decimal commas, percent rates and durations", () => {
    expect(parseMetric("1,234", "count")).toBe(1234);
    expect(parseMetric("1.234", "count")).toBe(1234);
    expect(parseMetric("8,3", "decimal")).toBe(8.3);
    expect(parseMetric("1.234,5", "decimal")).toBe(1234.5);
    expect(parseMetric("12.5%", "rate")).toBeCloseTo(0.125);
    expect(parseMetric("12,5 %", "rate")).toBeCloseTo(0.125);
    expect(parseMetric("0.6543", "rate")).toBeCloseTo(0.6543);
    expect(parseMetric("1m 05s", "seconds")).toBe(65);
    expect(parseMetric("00:01:05", "seconds")).toBe(65);
    expect(parseMetric("42.5", "seconds")).toBe(42.5);
    expect(parseMetric("", "count")).toBeNull();
    expect(parseMetric("n/a", "count")).toBeNull();
  });
});

describe("Search Console CSV exports", () => {
  it("reads the Pages export with its header", () => {
    const [set] = parse("\uFEFFTop pages,Clicks,Impressions,CTR,Position\nhttps://example.com/a,120,3000,4%,6.2\nhttps://example.com/b,0,15,0%,48\n");
    expect(set).toMatchObject({ source: "gsc", kind: "page", format: "gsc-pages-csv", startDate: null });
    expect(set.rows).toHaveLength(2);
    expect(set.rows[0]).toMatchObject({ page: "https://example.com/a", query: null, clicks: 120, impressions: 3000, position: 6.2 });
    expect(set.rows[0].ctr).toBeCloseTo(0.04);
  });

  it("reads the Queries export and takes the period from the caller", () => {
    const [set] = parse("Top queries,Clicks,Impressions,CTR,Position\nhow to bake bread,30,900,3.33%,7.1\n", { startDate: "2026-10-01", endDate: "2026-10-28" });
    expect(set).toMatchObject({ kind: "query", format: "gsc-queries-csv", startDate: "2026-10-01", endDate: "2026-10-28" });
    expect(set.rows[0]).toMatchObject({ query: "how to bake bread", page: null, clicks: 30 });
  });

  it("reads a localized export with semicolons and decimal commas (German headers)", () => {
    const [set] = parse('Top-Seiten;Klicks;Impressionen;CTR;Position\nhttps://example.com/a;1.234;56.789;"2,17 %";"8,4"\n');
    expect(set.kind).toBe("page");
    expect(set.rows[0]).toMatchObject({ clicks: 1234, impressions: 56789, position: 8.4 });
    expect(set.rows[0].ctr).toBeCloseTo(0.0217);
  });

  it("reads an export in a language it has no names for, by the table's fixed layout", () => {
    const [set] = parse("Najlepsze strony XYZ,Kliknięcia XYZ,Wyświetlenia XYZ,CTR,Pozycja XYZ\nhttps://example.com/a,5,100,5%,3.0\n");
    expect(set).toMatchObject({ kind: "page" });
    expect(set.rows[0]).toMatchObject({ page: "https://example.com/a", clicks: 5, impressions: 100, position: 3 });
  });

  it("refuses a CSV that is not a Search Console table, naming the columns it expected", () => {
    invalid(() => parse("name,age\nbob,3\n"), /Top pages.*Clicks, Impressions, CTR, Position/);
  });

  it("refuses the export's other tables (countries, devices, dates) rather than reading them as queries", () => {
    invalid(() => parse("Country,Clicks,Impressions,CTR,Position\nFrance,4,50,8%,3\n"), /Not a Search Console export/);
    invalid(() => parse("Datum XYZ,Klicks XYZ,Impressionen XYZ,CTR,Position XYZ\n2026-10-01,4,50,8%,3\n"), /Not a Search Console export/);
  });

  it("refuses an empty export (it would replace the site's data with nothing)", () => {
    invalid(() => parse("Top pages,Clicks,Impressions,CTR,Position\n"), /no data rows/);
  });

  it("refuses bad dates", () => {
    invalid(() => parse("Top queries,Clicks,Impressions,CTR,Position\nq,1,2,50%,1\n", { startDate: "10/01/2026" }), /YYYY-MM-DD/);
    invalid(() => parse("Top queries,Clicks,Impressions,CTR,Position\nq,1,2,50%,1\n", { startDate: "2026-10-28", endDate: "2026-10-01" }), /after/);
  });
});

describe("Search Analytics API responses", () => {
  const body = (o: object) => JSON.stringify(o);

  it("reads query+page rows with their dimensions and dates", () => {
    const [set] = parse(body({ dimensions: ["query", "page"], startDate: "2026-10-01", endDate: "2026-10-28", rows: [{ keys: ["bread", "https://example.com/a"], clicks: 10, impressions: 100, ctr: 0.1, position: 4.5 }] }));
    expect(set).toMatchObject({ kind: "query-page", format: "gsc-api-json", startDate: "2026-10-01", endDate: "2026-10-28" });
    expect(set.rows[0]).toMatchObject({ query: "bread", page: "https://example.com/a", clicks: 10, impressions: 100, ctr: 0.1, position: 4.5 });
  });

  it("reads page rows whatever the order of dimensions", () => {
    const [set] = parse(body({ dimensions: ["page", "query"], rows: [{ keys: ["https://example.com/a", "bread"], clicks: 1, impressions: 2, ctr: 0.5, position: 1 }] }));
    expect(set.rows[0]).toMatchObject({ query: "bread", page: "https://example.com/a" });
    const [pages] = parse(body({ dimensions: ["page"], rows: [{ keys: ["https://example.com/a"], clicks: 1, impressions: 2, ctr: 0.5, position: 1 }] }));
    expect(pages.kind).toBe("page");
  });

  it("sums away extra dimensions with impression-weighted positions", () => {
    const [set] = parse(body({
      dimensions: ["page", "date"],
      rows: [
        { keys: ["https://example.com/a", "2026-10-01"], clicks: 1, impressions: 100, ctr: 0.01, position: 2 },
        { keys: ["https://example.com/a", "2026-10-02"], clicks: 3, impressions: 300, ctr: 0.01, position: 6 },
      ],
    }));
    expect(set.rows).toHaveLength(1);
    expect(set.rows[0]).toMatchObject({ clicks: 4, impressions: 400, position: 5 });
  });

  it("refuses a response without its dimensions, or with keys that do not fit them", () => {
    invalid(() => parse(body({ rows: [{ keys: ["x"], clicks: 1, impressions: 1 }] })), /dimensions/);
    invalid(() => parse(body({ dimensions: ["query", "page"], rows: [{ keys: ["x"], clicks: 1, impressions: 1 }] })), /keys has 1 values for 2 dimensions/);
    invalid(() => parse(body({ dimensions: ["country"], rows: [{ keys: ["fra"], clicks: 1, impressions: 1 }] })), /"page" or "query"/);
    invalid(() => parse("{ not json"), /JSON could not be read/);
  });
});

describe("GA4 landing-page exports", () => {
  const ga4 = [
    "# ----------------------------------------",
    "# Landing page",
    "# Account: Example",
    "# ----------------------------------------",
    "",
    "# Start date: 20261001",
    "# End date: 20261028",
    "Landing page,Sessions,Engaged sessions,Engagement rate,Average engagement time per session",
    "/a,200,150,0.75,61.5",
    "/b?utm_source=x,10,2,0.2,5",
    "(not set),3,0,0,0",
    "",
    "# Another table",
    "Nth day,Sessions",
    "0000,40",
  ].join("\n");

  it("reads sessions and engagement per landing page, dated by its comment lines", () => {
    const [set] = parse(ga4);
    expect(set).toMatchObject({ source: "ga4", kind: "page", format: "ga4-csv", startDate: "2026-10-01", endDate: "2026-10-28" });
    expect(set.rows).toHaveLength(2);
    expect(set.rows[0]).toMatchObject({ page: "https://example.com/a", sessions: 200, engagedSessions: 150, engagementRate: 0.75, engagementSeconds: 61.5 });
    expect(set.rows[1].page).toBe("https://example.com/b?utm_source=x");
  });

  it("refuses a CSV named ga4 that has no landing-page table, and JSON given as ga4", () => {
    invalid(() => parse("Top pages,Clicks,Impressions,CTR,Position\nhttps://example.com/a,1,2,50%,1\n", { source: "ga4" }), /Landing page/);
    invalid(() => parse('{"dimensions":["page"],"rows":[]}', { source: "ga4" }), /GA4 export is read from its CSV/);
  });

  it("refuses Search Console data declared as ga4 and the other way round", () => {
    invalid(() => parse(ga4, { source: "gsc" }), /GA4 landing-page export, not Search Console data/);
  });
});

describe("the Search Console archive", () => {
  it("reads its pages and queries tables, dated by its Dates table, and ignores the others", () => {
    const zip = zipSync({
      "Queries.csv": strToU8("Top queries,Clicks,Impressions,CTR,Position\nbread,10,100,10%,3\n"),
      "Pages.csv": strToU8("Top pages,Clicks,Impressions,CTR,Position\nhttps://example.com/a,10,100,10%,3\n"),
      "Countries.csv": strToU8("Country,Clicks,Impressions,CTR,Position\nFrance,4,50,8%,3\n"),
      "Dates.csv": strToU8("Date,Clicks,Impressions,CTR,Position\n2026-10-02,5,50,10%,3\n2026-10-01,5,50,10%,3\n"),
      "Filters.csv": strToU8("Filter,Value\nSearch type,Web\n"),
    });
    const sets = parse(zip);
    expect(sets.map((s) => s.kind).sort()).toEqual(["page", "query"]);
    for (const s of sets) expect(s).toMatchObject({ format: "gsc-export-zip", startDate: "2026-10-01", endDate: "2026-10-02" });
    expect(sets.find((s) => s.kind === "query")?.rows[0].query).toBe("bread");
  });

  it("refuses an archive without pages or queries", () => {
    invalid(() => parse(zipSync({ "Countries.csv": strToU8("Country,Clicks,Impressions,CTR,Position\nFrance,4,50,8%,3\n") })), /no Search Console pages or queries/);
  });
});
