import type { ScanReport } from "./scan-report";

const TOP = 10;

/** A Markdown summary of a scan report, for sending on. */
export function reportMarkdown(r: ScanReport): string {
  const lines: string[] = [];
  lines.push(`# Topical authority audit: ${r.scan.url}`, "");
  lines.push(`Scan ${r.scan.id}, finished ${r.scan.finishedAt ?? "-"}, ${r.scan.pagesCrawled} pages.`, "");
  lines.push(`**Topical Authority: ${r.site.authority.toFixed(0)}/100** (cores ${r.site.gates.core.toFixed(0)}, expansion ${r.site.gates.input.toFixed(0)}, pruning ${r.site.gates.forget.toFixed(0)}, linking ${r.site.gates.output.toFixed(0)})`, "");
  lines.push(r.site.explanation, "");
  if (r.searchData) lines.push(r.searchData.statement, "");
  lines.push("## Topics", "", "| topic | core | pages | coverage | authority | pillar |", "|---|---|---|---|---|---|");
  for (const t of r.topics) lines.push(`| ${esc(t.label)} | ${t.isCore ? "yes" : ""} | ${t.pageCount} | ${(t.coverage * 100).toFixed(0)}% | ${t.authority.toFixed(0)} | ${t.pillarUrl ?? ""} |`);
  const actions = r.pages.filter((p) => p.forget.action !== "keep").slice(0, TOP);
  lines.push("", "## Pruning and refresh", "");
  if (!actions.length) lines.push("No page needs removing, merging or refreshing.");
  for (const p of actions) lines.push(`- **${p.forget.action}** ${p.url}${p.forget.mergeInto ? ` into ${p.forget.mergeInto}` : ""}: ${p.forget.reasons.join("; ")}`);
  lines.push("", "## Content gaps", "");
  if (!r.gaps.length) lines.push("No subtopic gap found.");
  for (const g of r.gaps.slice(0, TOP)) lines.push(`- ${esc(g.keyphrase)} (mentioned on ${g.evidence.length} pages)`);
  lines.push("", "## Link suggestions", "");
  if (!r.linkSuggestions.length) lines.push("No link suggestion.");
  for (const s of r.linkSuggestions.slice(0, TOP)) lines.push(`- ${s.fromUrl} -> ${s.toUrl} with anchor "${esc(s.anchor)}": ${s.reason}`);
  return lines.join("\n") + "\n";
}

function esc(s: string): string {
  return s.replace(/\|/g, "\\|");
}
