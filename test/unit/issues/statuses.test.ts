import { describe, expect, it } from "vitest";
import { issueChanges, issueList, issuesSummary, statusesToReopen, statusLookup, type IssueOccurrence, type IssueStatusRecord } from "@/lib/issues";

const occ = (code: string, page: string, detail: string | null = null): IssueOccurrence => ({ code, key: page, pageUrl: page, detail });
const status = (code: string, key: string, s: IssueStatusRecord["status"], at = "2026-01-01T00:00:00Z"): IssueStatusRecord => ({ code, key, status: s, updatedAt: new Date(at) });
const PAGES = ["/a", "/b", "/c", "/d"];

describe("issue statuses", () => {
  const found = [occ("broken_link", "/a"), occ("broken_link", "/b"), occ("missing_title", "/c"), occ("thin_page", "/d")];

  it("groups issues by code and status, errors first, a page's own status winning over one on the whole code", () => {
    const lookup = statusLookup([status("broken_link", "", "ignored"), status("broken_link", "/b", "open")]);
    const list = issueList(found, lookup);
    expect(list.map((i) => [i.code, i.status, i.pageUrls])).toEqual([
      ["broken_link", "open", ["/b"]],
      ["broken_link", "ignored", ["/a"]],
      ["missing_title", "open", ["/c"]],
      ["thin_page", "open", ["/d"]],
    ]);
    expect(list[0]).toMatchObject({ severity: "error", title: "Broken internal links", count: 1 });
    expect(list[0].howToFix.length).toBeGreaterThan(20);
  });

  it("scores health as the share of pages without an open error: an ignored error leaves the score, a warning never enters it", () => {
    expect(issuesSummary(found, statusLookup([]), PAGES)).toMatchObject({ health: 25, pagesWithOpenErrors: 3, open: { error: 3, warning: 1, notice: 0 } });
    const ignored = issuesSummary(found, statusLookup([status("broken_link", "/a", "ignored"), status("missing_title", "", "resolved")]), PAGES);
    expect(ignored).toMatchObject({ health: 75, pagesWithOpenErrors: 1, ignored: 1, resolved: 1 });
  });

  it("reopens a resolved issue the next scan finds again, but not one marked resolved after that scan started", () => {
    const records = [status("broken_link", "/a", "resolved", "2026-01-01T00:00:00Z"), status("missing_title", "", "resolved", "2026-01-03T00:00:00Z"), status("thin_page", "/d", "ignored")];
    expect(statusesToReopen(found, records, new Date("2026-01-02T00:00:00Z"))).toEqual([{ code: "broken_link", key: "/a" }]);
    expect(statusesToReopen(found, records, new Date("2026-01-04T00:00:00Z"))).toEqual([{ code: "broken_link", key: "/a" }, { code: "missing_title", key: "" }]);
    expect(statusesToReopen([occ("broken_link", "/b")], [status("broken_link", "/a", "resolved")], new Date("2026-02-01"))).toEqual([]);
  });

  it("lists issues new in a scan and those gone since the previous one", () => {
    const changes = issueChanges(found, [occ("broken_link", "/a"), occ("missing_title", "/d"), occ("thin_page", "/d")]);
    expect(changes.new.map((o) => `${o.code} ${o.key}`)).toEqual(["missing_title /d"]);
    expect(changes.resolved.map((o) => `${o.code} ${o.key}`)).toEqual(["broken_link /b", "missing_title /c"]);
  });
});
