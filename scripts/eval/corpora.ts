/**
 * Text the evaluation injects as off-topic pages: everyday prose from Debian's `fortunes` package (jokes, anecdotes
 * and quotations filed by subject: food, sports, pets, love, ...), the "lifestyle" writing a documentation or product
 * site should not carry. Downloaded with `apt-get download` on first use into the gitignored .cache/offtopic.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { debianDocs } from "../../bench/lib/debian-docs";

export { htmlFiles } from "../../bench/lib/debian-docs";

/** Subjects of fortunes' files used, with the title a blog would give a page on them. */
const SUBJECTS: [file: string, title: string][] = [
  ["food", "Food and Drink Stories"],
  ["sports", "Sports Anecdotes"],
  ["pets", "Living with Pets"],
  ["love", "Love and Relationships"],
  ["kids", "Raising Kids"],
  ["education", "School Days"],
  ["medicine", "A Visit to the Doctor"],
  ["men-women", "Men and Women"],
  ["art", "Artists and Their Work"],
  ["law", "Lawyers and the Courtroom"],
  ["work", "Life at the Office"],
  ["people", "Famous People"],
];

/** Words per off-topic page: enough to be a page about something, not merely thin. */
const PAGE_WORDS = 450;

export interface ProsePage {
  title: string;
  paragraphs: string[];
}

function fortunesDir(): string {
  return debianDocs("fortunes", "usr/share/games/fortunes", path.resolve(".cache/offtopic"));
}

/**
 * Off-topic pages: each subject's fortunes cut into consecutive pages of about PAGE_WORDS words, one paragraph per
 * fortune; page n of a subject is titled "<title>" then "<title>, part n". Subjects alternate, so the first pages
 * cover many subjects.
 */
export function offTopicPages(): ProsePage[] {
  const dir = fortunesDir();
  const bySubject = SUBJECTS.map(([file, title]) => {
    const fortunes = readFileSync(path.join(dir, file), "utf8")
      .split(/^%$/m)
      .map((f) => f.replace(/\s+/g, " ").trim())
      // attribution-only lines and one-liners make poor paragraphs
      .filter((f) => f.split(" ").length >= 12);
    const pages: ProsePage[] = [];
    let current: string[] = [];
    let words = 0;
    for (const f of fortunes) {
      current.push(f);
      words += f.split(" ").length;
      if (words >= PAGE_WORDS) {
        pages.push({ title: pages.length === 0 ? title : `${title}, part ${pages.length + 1}`, paragraphs: current });
        current = [];
        words = 0;
      }
    }
    return pages;
  });
  const out: ProsePage[] = [];
  for (let round = 0; bySubject.some((p) => p.length > round); round++) for (const pages of bySubject) if (pages[round]) out.push(pages[round]);
  return out;
}

export function readHtml(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), "utf8");
}
