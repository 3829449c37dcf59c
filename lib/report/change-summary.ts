import type { ChangeReport, IssueChange, ScoreDelta } from "./change-report";

/** Items listed per section before "and N more": enough to act on, short enough to read in an email. */
const TOP = 25;

function signed(d: ScoreDelta): string {
  return `${d.previous.toFixed(0)} → ${d.current.toFixed(0)} (${d.delta >= 0 ? "+" : ""}${d.delta.toFixed(1)})`;
}

function list(lines: string[], title: string, items: string[], empty: string): void {
  lines.push("", `## ${title} (${items.length})`, "");
  if (!items.length) lines.push(empty);
  for (const item of items.slice(0, TOP)) lines.push(`- ${item}`);
  if (items.length > TOP) lines.push(`- … and ${items.length - TOP} more`);
}

/** A Markdown summary of a change report, for sending on. */
export function changeReportMarkdown(r: ChangeReport): string {
  const lines: string[] = [];
  const s = r.scoreDeltas;
  lines.push(`# Changes on ${r.siteUrl}`, "");
  lines.push(`Scan ${r.scanId} compared with scan ${r.previousScanId}.`, "");
  lines.push(`**Topical Authority: ${signed(s.authority)}**`, "");
  lines.push(`Cores ${signed(s.core)}; expansion ${signed(s.input)}; pruning ${signed(s.forget)}; linking ${signed(s.output)}.`);
  list(lines, "Pages added", r.pagesAdded, "No new page.");
  list(lines, "Pages removed", r.pagesRemoved, "No page removed.");
  list(lines, "Pages changed", r.pagesChanged, "No page content changed.");
  list(lines, "Status changes", r.statusChanges.map((c) => `${c.url}: ${c.from} → ${c.to}`), "No status changed.");
  const d = r.topicDrift;
  const drift = [
    ...d.appeared.map((t) => `new topic **${t.label}**`),
    ...d.vanished.map((t) => `topic **${t.label}** vanished`),
    ...d.split.map((t) => `topic **${t.previousLabel}** split into ${t.into.map((x) => `**${x.label}**`).join(", ")}`),
    ...d.merged.map((t) => `${t.from.map((x) => `**${x.label}**`).join(", ")} merged into **${t.label}**`),
    ...d.movedPages.map((m) => `${m.url} moved from ${m.fromLabel ?? "no topic"} to ${m.toLabel ?? "no topic"}`),
  ];
  list(lines, "Topic drift", drift, "Topics are stable.");
  list(lines, "New off-topic pages", r.newOffTopic, "No new off-topic page.");
  list(lines, "New orphan pages", r.newOrphans, "No new orphan page.");
  const issue = (i: IssueChange) => `${i.severity}: ${i.title}${i.pageUrl ? ` on ${i.pageUrl}` : ` (${i.key})`}`;
  list(lines, "New issues", (r.issuesNew ?? []).map(issue), "No new issue.");
  list(lines, "Issues resolved since the previous scan", (r.issuesResolved ?? []).map(issue), "No issue went away.");
  list(lines, "Links lost", r.linksLost.map((l) => `${l.fromUrl} → ${l.toUrl}`), "No content link lost.");
  list(lines, "Links gained", r.linksGained.map((l) => `${l.fromUrl} → ${l.toUrl}`), "No content link gained.");
  if (r.searchDeltas) {
    const n = (x: number) => `${x >= 0 ? "+" : ""}${x}`;
    const period = (p: { startDate: string | null; endDate: string | null }) => (p.startDate && p.endDate ? `${p.startDate} to ${p.endDate}` : "period not stated");
    list(
      lines,
      `Search clicks and impressions (${period(r.searchDeltas.previous)} → ${period(r.searchDeltas.current)})`,
      r.searchDeltas.pages.map((p) => `${p.url}: clicks ${p.clicks.previous} → ${p.clicks.current} (${n(p.clicks.delta)}), impressions ${p.impressions.previous} → ${p.impressions.current} (${n(p.impressions.delta)})`),
      "No page's clicks or impressions changed.",
    );
  }
  return lines.join("\n") + "\n";
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** A self-contained HTML version of the Markdown summary (no scripts, no external assets). */
export function changeReportHtml(r: ChangeReport): string {
  const strong = (s: string) => s.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
  const body: string[] = [];
  let inList = false;
  for (const line of changeReportMarkdown(r).split("\n")) {
    if (line.startsWith("- ")) {
      if (!inList) body.push("<ul>");
      inList = true;
      body.push(`<li>${strong(escapeHtml(line.slice(2)))}</li>`);
      continue;
    }
    if (inList) body.push("</ul>");
    inList = false;
    if (line.startsWith("# ")) body.push(`<h1>${escapeHtml(line.slice(2))}</h1>`);
    else if (line.startsWith("## ")) body.push(`<h2>${escapeHtml(line.slice(3))}</h2>`);
    else if (line) body.push(`<p>${strong(escapeHtml(line))}</p>`);
  }
  if (inList) body.push("</ul>");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TopicGate changes: ${escapeHtml(r.siteUrl)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}li{margin:.15rem 0}</style>
</head><body>${body.join("\n")}</body></html>\n`;
}
