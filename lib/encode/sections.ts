/**
 * A page cut into its sections for per-section readings: each heading the page's main text repeats as a line starts a
 * section; a page with fewer than two headed sections is cut into parts of about PART_WORDS words, so a long page
 * without headings still shows where it wanders.
 */

export interface PageSection {
  heading: string;
  text: string;
}

/** About two screens of prose: long enough to read as a subject, short enough to tell a page's halves apart. */
export const PART_WORDS = 150;
/** Sections shorter than this are merged into the one before: a heading and a line say too little on their own. */
export const MIN_SECTION_WORDS = 25;

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The name of the text before a page's first section heading. */
export const OPENING = "(opening)";

function byHeadings(headings: readonly { level: number; text: string }[], mainText: string): PageSection[] {
  const names = new Set(headings.filter((h) => h.level >= 2).map((h) => h.text.trim()));
  const sections: PageSection[] = [];
  let current: PageSection = { heading: OPENING, text: "" };
  for (const line of mainText.split("\n")) {
    const trimmed = line.trim();
    if (names.has(trimmed) && words(current.text) >= MIN_SECTION_WORDS) {
      sections.push(current);
      current = { heading: trimmed, text: "" };
    } else if (names.has(trimmed) && current.heading === OPENING && current.text.trim() === "") {
      current.heading = trimmed;
    } else {
      current.text += (current.text ? "\n" : "") + line;
    }
  }
  sections.push(current);
  return sections.filter((s) => words(s.text) > 0);
}

function byParts(mainText: string): PageSection[] {
  const tokens = mainText.split(/\s+/).filter(Boolean);
  const count = Math.max(1, Math.round(tokens.length / PART_WORDS));
  const size = Math.ceil(tokens.length / count);
  const parts: PageSection[] = [];
  for (let i = 0; i < count; i++) {
    const slice = tokens.slice(i * size, (i + 1) * size);
    if (slice.length > 0) parts.push({ heading: `part ${i + 1} of ${count}`, text: slice.join(" ") });
  }
  return parts;
}

export function pageSections(headings: readonly { level: number; text: string }[], mainText: string): PageSection[] {
  const headed = byHeadings(headings, mainText);
  return headed.length >= 2 ? headed : byParts(mainText);
}
