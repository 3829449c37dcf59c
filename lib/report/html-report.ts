import { SEVERITIES, type Issue, type Severity } from "../issues/types";
import { HEALTH_FORMULA } from "../issues/statuses";
import type { ScanReport } from "./scan-report";
import { barChart, escapeXml as esc, scoreRing } from "./svg-charts";

/**
 * The report to send: one HTML file with its styles and charts inside (inline SVG), no script, and a Content Security
 * Policy that forbids every fetch, so it opens offline and leaks nothing about who reads it. Chromium prints the same
 * file to PDF.
 */

/** Rows per table: a report someone reads, not the full export (the XLSX workbook has every row). */
const TABLE_ROWS = 100;
/** Pages listed under each issue. */
const ISSUE_PAGES = 50;

const SEVERITY_COLOR: Record<Severity, string> = { error: "#b91c1c", warning: "#b45309", notice: "#2563eb" };
const ACTION_COLOR = { keep: "#15803d", update: "#2563eb", merge: "#b45309", prune: "#b91c1c" } as const;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #e5e7eb;padding-bottom:.3rem}h3{margin:1.2rem 0 .4rem}
.muted{color:#6b7280}.scores{display:flex;gap:2rem;align-items:center;flex-wrap:wrap}.score{text-align:center}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0}th,td{border-bottom:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb}td.num,th.num{text-align:right}.url{word-break:break-all}
.sev{display:inline-block;padding:0 .45rem;border-radius:.6rem;color:#fff;font-size:.78rem}.sev-error{background:${SEVERITY_COLOR.error}}.sev-warning{background:${SEVERITY_COLOR.warning}}.sev-notice{background:${SEVERITY_COLOR.notice}}
details{margin:.2rem 0}summary{cursor:pointer}ul.pages{margin:.3rem 0 .6rem 1.2rem;padding:0;font-size:.85rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,svg{break-inside:avoid}details>*{display:block}}
@page{margin:14mm}
`;

function issueSection(issues: Issue[]): string {
  if (!issues.length) return "<p>No issue found.</p>";
  const out: string[] = [];
  for (const severity of SEVERITIES) {
    const group = issues.filter((i) => i.severity === severity);
    if (!group.length) continue;
    out.push(`<h3>${severity === "error" ? "Errors" : severity === "warning" ? "Warnings" : "Notices"} (${group.reduce((n, i) => n + i.count, 0)})</h3>`);
    out.push(`<table><thead><tr><th>Issue</th><th class="num">Pages</th><th>Status</th><th>How to fix</th></tr></thead><tbody>`);
    for (const i of group) {
      const items = i.items.slice(0, ISSUE_PAGES).map((it) => `<li><span class="url">${esc(it.pageUrl ?? it.key)}</span>${it.detail ? ` <span class="muted">${esc(it.detail)}</span>` : ""}</li>`);
      const more = i.items.length > ISSUE_PAGES ? `<li class="muted">and ${i.items.length - ISSUE_PAGES} more</li>` : "";
      out.push(
        `<tr data-code="${esc(i.code)}"><td><span class="sev sev-${i.severity}">${i.severity}</span> <strong>${esc(i.title)}</strong><div class="muted">${esc(i.why)}</div>` +
          `<details><summary>Affected pages</summary><ul class="pages">${items.join("")}${more}</ul></details></td>` +
          `<td class="num">${i.count}</td><td>${i.status}</td><td>${esc(i.howToFix)}</td></tr>`,
      );
    }
    out.push("</tbody></table>");
  }
  return out.join("\n");
}

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ""}>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function more(total: number): string {
  return total > TABLE_ROWS ? `<p class="muted">The first ${TABLE_ROWS} of ${total}; the XLSX and CSV exports have every row.</p>` : "";
}

/** The whole report as one self-contained HTML document. */
export function reportHtmlDocument(r: ScanReport): string {
  const gates = r.site.gates;
  const summary = r.issuesSummary;
  const issues = r.issues ?? [];
  const openBySeverity = SEVERITIES.map((s) => ({
    label: s,
    value: issues.filter((i) => i.severity === s && i.status === "open").reduce((n, i) => n + i.count, 0),
    color: SEVERITY_COLOR[s],
  }));
  const actions = (["keep", "update", "merge", "prune"] as const).map((a) => ({ label: a, value: r.pages.filter((p) => p.forget.action === a).length, color: ACTION_COLOR[a] }));
  const topics = [...r.topics].sort((a, b) => b.authority - a.authority);
  const label = new Map(r.topics.map((t) => [t.id, t.label]));
  const pruning = r.pages.filter((p) => p.forget.action !== "keep").sort((a, b) => b.forget.score - a.forget.score);
  const link = (u: string) => `<span class="url">${esc(u)}</span>`;

  const body = [
    `<h1>Topical authority audit: ${esc(r.scan.url)}</h1>`,
    `<p class="muted">Scan ${esc(r.scan.id)}, finished ${esc(r.scan.finishedAt ?? "-")}, ${r.scan.pagesCrawled} pages crawled.</p>`,
    `<div class="scores"><div class="score">${scoreRing("Topical Authority", r.site.authority)}<div>Topical Authority</div></div>`,
    summary ? `<div class="score">${scoreRing("Audit health", summary.health, "#15803d")}<div>Audit health</div></div>` : "",
    `<div>${barChart("Gate scores", [
      { label: "Cores (cell state)", value: gates.core },
      { label: "Expansion (input gate)", value: gates.input },
      { label: "Pruning (forget gate)", value: gates.forget },
      { label: "Linking (output gate)", value: gates.output },
    ], { max: 100, width: 520 })}</div></div>`,
    `<p>${esc(r.site.explanation)}</p>`,
    `<h2>Issues</h2>`,
    summary ? `<p>${summary.pagesWithOpenErrors} of ${summary.pages} pages have an open error; ${summary.ignored} issue(s) ignored, ${summary.resolved} marked resolved. <span class="muted">${esc(HEALTH_FORMULA)}.</span></p>` : "",
    `<h3>Open issues by severity</h3>`,
    barChart("Open issues by severity", openBySeverity),
    issueSection(issues),
    `<h2>Topics</h2>`,
    barChart("Topic authority", topics.slice(0, 12).map((t) => ({ label: t.label, value: t.authority, color: t.isCore ? "#2563eb" : "#9ca3af" })), { max: 100 }),
    table(
      ["Topic", "Core", "Pages", "Coverage", "Authority", "Pillar page"],
      topics.slice(0, TABLE_ROWS).map((t) => [esc(t.label), t.isCore ? "yes" : "", String(t.pageCount), `${Math.round(t.coverage * 100)}%`, t.authority.toFixed(0), t.pillarUrl ? link(t.pillarUrl) : ""]),
      [2, 3, 4],
    ),
    more(topics.length),
    `<h2>Pruning and refresh</h2>`,
    barChart("Pages by action", actions),
    pruning.length
      ? table(["Page", "Action", "Reasons"], pruning.slice(0, TABLE_ROWS).map((p) => [link(p.url), p.forget.action + (p.forget.mergeInto ? ` into ${link(p.forget.mergeInto)}` : ""), esc(p.forget.reasons.join("; "))]))
      : "<p>No page needs removing, merging or refreshing.</p>",
    more(pruning.length),
    `<h2>Content gaps</h2>`,
    r.gaps.length
      ? table(["Subtopic", "Topic", "Mentioned on"], r.gaps.slice(0, TABLE_ROWS).map((g) => [esc(g.keyphrase), esc(label.get(g.topicId) ?? String(g.topicId)), `${g.evidence.length} page(s)`]))
      : "<p>No subtopic gap found.</p>",
    more(r.gaps.length),
    `<h2>Link suggestions</h2>`,
    r.linkSuggestions.length
      ? table(
          ["On page", "Link to", "Anchor", "In this sentence", "Status"],
          r.linkSuggestions.slice(0, TABLE_ROWS).map((s) => [link(s.fromUrl), link(s.toUrl), `<strong>${esc(s.anchor)}</strong>`, esc(s.context), s.status ?? "pending"]),
        )
      : "<p>No link to add.</p>",
    more(r.linkSuggestions.length),
    `<h2>How the score is made</h2><pre>${esc(r.site.formula ?? "")}</pre>`,
    `<p class="muted">Made by TopicGate. This file holds everything it shows: it opens without a network connection.</p>`,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>TopicGate audit: ${esc(r.scan.url)}</title><style>${STYLE}</style></head>
<body>${body.filter(Boolean).join("\n")}</body></html>\n`;
}
