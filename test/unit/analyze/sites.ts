/** Hand-made sites for the analysis tests: three clear topics, with hubs, links and knobs to degrade them. */
import type { AnalysisInput, AnalysisLink, AnalysisPage, LinkPosition } from "../../../lib/analyze/types";

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

/** mulberry32 so fixture text is stable */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

export function urlOf(path: string): string {
  return `${SITE}${path}`;
}
