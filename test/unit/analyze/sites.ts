/** Hand-made sites for the analysis tests: three clear topics, with hubs, links and knobs to degrade them. */
import type { AnalysisInput, AnalysisLink, AnalysisPage, LinkPosition } from "../../../lib/analyze/types";
import { createRng } from "@/lib/random";

export const SITE = "https://example.test";

export const TOPICS = {
  coffee: ["espresso", "grinder", "beans", "roast", "barista", "crema", "arabica", "kettle", "milk", "caffeine", "aroma", "filter"],
  hiking: ["trail", "backpack", "boots", "summit", "tent", "campsite", "elevation", "compass", "ridge", "blisters", "waterproof", "map"],
  tax: ["deduction", "income", "refund", "filing", "audit", "accountant", "payroll", "receipts", "bracket", "dividends", "pension", "invoice"],
  // off-topic vocabularies for degraded sites
  knitting: ["yarn", "needles", "stitch", "wool", "pattern", "purl", "cardigan", "scarf", "crochet", "skein", "gauge", "cable"],
  legal: ["controller", "processing", "consent", "jurisdiction", "liability", "warranty", "clause", "retention", "lawful", "personal", "data", "agreement"],
  astronomy: ["telescope", "nebula", "galaxy", "orbit", "eclipse", "comet", "planet", "lens", "mount", "constellation", "meteor", "star"],
} as const;
export type TopicName = keyof typeof TOPICS;

/** seeded so fixture text is stable */
const rng = createRng;

const TEMPLATES = [
  (a: string, b: string, f: string) => `The ${a} matters when you think about ${f} and the ${b}.`,
  (a: string, b: string, f: string) => `Our readers weigh the ${a} against the ${b} before choosing ${f}.`,
  (a: string, b: string) => `A good ${a} changes how the ${b} feels over a season.`,
  (a: string, b: string, f: string) => `Experts link ${f} to the ${a} because the ${b} depends on it.`,
  (a: string, b: string) => `The ${a} needs attention, and the ${b} needs patience.`,
];

/** About `sentences * 11` words on one topic, focused on `focus`, with site-wide filler ("complete guide", "practical tips"). */
export function topicText(topic: TopicName, focus: string, seed: number, sentences = 30, extra = ""): string {
  const r = rng(seed);
  const words = TOPICS[topic];
  const pick = () => words[Math.floor(r() * words.length)];
  const out = [`This complete guide shares practical tips about ${focus}.`];
  for (let i = 0; i < sentences; i++) out.push(TEMPLATES[Math.floor(r() * TEMPLATES.length)](pick(), pick(), focus));
  if (extra) out.splice(Math.floor(out.length / 2), 0, extra);
  return out.join(" ");
}

export function page(url: string, title: string, mainText: string, more: Partial<AnalysisPage> = {}): AnalysisPage {
  return {
    url: url.startsWith("http") ? url : `${SITE}${url}`,
    status: 200,
    title,
    metaDescription: null,
    headings: [{ level: 1, text: title }],
    mainText,
    wordCount: mainText.split(/\s+/).filter(Boolean).length,
    depth: 1,
    noindex: false,
    canonical: null,
    contentHash: null,
    simhash: null,
    modifiedAt: "2026-06-01T00:00:00Z",
    inSitemap: true,
    lstmVector: null,
    ...more,
  };
}

export function link(from: string, to: string, anchor = "read", position: LinkPosition = "content", nofollow = false): AnalysisLink {
  const abs = (u: string) => (u.startsWith("http") ? u : `${SITE}${u}`);
  return { fromUrl: abs(from), toUrl: abs(to), anchor, position, nofollow };
}

export const SITE_TOPICS = ["coffee", "hiking", "tax"] as const;

export const FOCUS: Record<(typeof SITE_TOPICS)[number], string[]> = {
  coffee: ["espresso extraction", "grinder settings", "roast profiles", "arabica beans", "milk steaming"],
  hiking: ["trail planning", "backpack packing", "summit days", "tent pitching", "boots fitting"],
  tax: ["income filing", "deduction rules", "refund timing", "payroll records", "audit preparation"],
};

export const slug = (s: string) => s.replace(/\s+/g, "-");

/**
 * Home + three topics of five pages each. The first page of each topic is its hub: it links to the
 * four others and they link back. The home page links to the hubs from navigation.
 */
export function threeTopicSite(opts: { links?: boolean; seed?: number } = {}): AnalysisInput {
  const withLinks = opts.links ?? true;
  const pages: AnalysisPage[] = [page("/", "Example Test Site", topicText("coffee", "our site", 1, 4) + " " + topicText("hiking", "our site", 2, 4), { depth: 0 })];
  const links: AnalysisLink[] = [];
  let seed = 10;
  for (const topic of SITE_TOPICS) {
    const urls = FOCUS[topic].map((f) => `/${topic}/${slug(f)}`);
    FOCUS[topic].forEach((f, j) => pages.push(page(urls[j], `${f[0].toUpperCase()}${f.slice(1)}`, topicText(topic, f, seed++))));
    links.push(link("/", urls[0], topic, "navigation"));
    if (withLinks) {
      for (const u of urls.slice(1)) {
        links.push(link(urls[0], u, "more"));
        links.push(link(u, urls[0], "back"));
      }
    }
  }
  return { siteUrl: SITE, pages, links, now: "2026-11-25T00:00:00Z" };
}

/** A link from the footer of every page of the site to `to`, as a site's template writes it. */
export function footerLinks(site: AnalysisInput, to: string, anchor: string): AnalysisLink[] {
  return site.pages.map((p) => link(p.url, to, anchor, "footer"));
}

export function urlOf(path: string): string {
  return `${SITE}${path}`;
}

/** One subject split into related subtopics: most sentences use the subtopic's words, every third one the subject's. */
export const COFFEE_SHARED = [
  "coffee", "beans", "cup", "brew", "flavour", "roast", "barista", "aroma", "water", "grind", "origin", "acidity", "body", "sweetness", "bitterness",
  "ritual", "scale", "timer", "recipe", "ratio", "tasting", "freshness", "storage", "grinder", "burr", "dose", "caffeine", "arabica", "robusta", "harvest",
] as const;
// Each subtopic also uses five words of the next one (espresso drinks need milk, milk drinks need roasts...).
export const COFFEE_SUBTOPICS = {
  espresso: ["espresso", "shot", "crema", "portafilter", "tamp", "pressure", "milk", "foam", "latte", "microfoam", "pitcher"],
  milk: ["milk", "foam", "latte", "microfoam", "pitcher", "steam", "roaster", "batch", "drum", "crack", "profile"],
  roasting: ["roaster", "batch", "drum", "crack", "profile", "charge", "pourover", "kettle", "paper", "bloom", "dripper"],
  filter: ["pourover", "kettle", "paper", "bloom", "dripper", "carafe", "espresso", "shot", "crema", "portafilter", "tamp"],
} as const;
const ANGLES = ["basics", "mistakes", "gear", "history", "science", "troubleshooting"];

/** About `sentences * 12` words on a subtopic, focused on `focus`. */
export function subtopicText(words: readonly string[], focus: string, seed: number, sentences = 30): string {
  const r = rng(seed);
  const pick = (xs: readonly string[]) => xs[Math.floor(r() * xs.length)];
  const out = [`Notes on ${focus}.`];
  for (let i = 0; i < sentences; i++) {
    const pool = i % 3 === 0 ? COFFEE_SHARED : words;
    out.push(TEMPLATES[Math.floor(r() * TEMPLATES.length)](pick(pool), pick(pool), focus));
  }
  return out.join(" ");
}

/**
 * A coffee site of four related subtopics (espresso, milk, roasting, filter), six pages each. Each subtopic's first
 * page is its hub (links to the five others, which link back); hubs link to each other; every page links to the
 * next page of its subtopic from its navigation.
 */
export function coffeeSite(): AnalysisInput {
  const pages: AnalysisPage[] = [page("/", "Coffee at home", subtopicText(COFFEE_SHARED, "coffee at home", 1, 6), { depth: 0 })];
  const links: AnalysisLink[] = [];
  const hubs: string[] = [];
  let seed = 100;
  for (const name of ["espresso", "milk", "roasting", "filter"] as const) {
    const urls = ANGLES.map((a) => `/${name}/${a}`);
    ANGLES.forEach((a, j) => pages.push(page(urls[j], `${name} ${a}`, subtopicText(COFFEE_SUBTOPICS[name], `${name} ${a}`, seed++))));
    links.push(link("/", urls[0], name, "navigation"));
    for (const u of urls.slice(1)) links.push(link(urls[0], u, "more"), link(u, urls[0], "back"));
    urls.forEach((u, j) => links.push(link(u, urls[(j + 1) % urls.length], "next", "navigation")));
    hubs.push(urls[0]);
  }
  for (const a of hubs) for (const b of hubs) if (a !== b) links.push(link(a, b, "see also"));
  return { siteUrl: SITE, pages, links, now: "2026-11-25T00:00:00Z" };
}
