import type { LinkPosition } from "../crawl/extract";
import type { PageCoherence } from "../encode/coherence";
import type { SearchInput } from "./search-aggregates";
import type { QuickWin } from "./search-signals";

/** Input and output of the analysis core. Plain data in, plain data out: no database, clock or network. */

/** Where on the page the crawl found a link (one definition, the extractor's). */
export type { LinkPosition };

export interface AnalysisPage {
  url: string;
  status: number;
  title: string | null;
  metaDescription: string | null;
  headings: { level: number; text: string }[];
  mainText: string;
  wordCount: number;
  depth: number;
  noindex: boolean;
  canonical: string | null;
  contentHash: string | null;
  /** 64-bit hex */
  simhash: string | null;
  /** ISO date */
  modifiedAt: string | null;
  inSitemap: boolean;
  /** schema.org types the page declares ("BlogPosting", "ContactPage"); absent when unknown */
  schemaTypes?: string[];
  /** declared language (`<html lang>`, Content-Language) or the crawl's guess; absent or null: guessed from the text */
  language?: string | null;
  /** hreflang alternates the page names (link elements, HTTP Link headers, sitemap xhtml:link), URLs normalised */
  hreflang?: { lang: string; href: string }[];
  /** what rendering did for the page (absent: not rendered and not a shell) */
  render?: PageRender;
  lstmVector: Float32Array | null;
  /** the sequence model's per-section coherence (lib/encode/coherence.ts); absent without a sequence model */
  coherence?: PageCoherence | null;
}

/** A page's rendering as the analysis reads it (see lib/render/types.ts). */
export interface PageRender {
  rendered: boolean;
  shell: boolean;
  addedWords: number;
  addedLinks: number;
}

/** One fetch of the crawl: the URL asked for, the URL it ended at after redirects, and what that answered. */
export interface AnalysisFetch {
  requestedUrl: string;
  url: string;
  status: number;
  /** the final response was HTML */
  html: boolean;
  redirectHops: number;
}

export interface AnalysisLink {
  fromUrl: string;
  toUrl: string;
  anchor: string;
  position: LinkPosition;
  nofollow: boolean;
}

export interface AnalysisOptions {
  /** Share of the hybrid cosine carried by the LSTM block (0 = lexical only, 1 = LSTM only). */
  lstmWeight: number;
  /** Dimensions kept by the LSA (truncated SVD) of the TF-IDF matrix. */
  lsaDimensions: number;
  /** Smallest and largest number of topics tried; kMax defaults to a value scaled to the site size. */
  kMin: number;
  kMax: number | null;
  /** Seed of every random choice (k-means++ seeding, SVD test matrix, Louvain). */
  seed: number;
  /** Pages with fewer words are thin. */
  thinWordCount: number;
  /** Pages not modified for this many days get an `update` reason. */
  staleDays: number;
  /** Largest simhash Hamming distance still counted as a near-duplicate. */
  nearDuplicateHamming: number;
  /** Most link suggestions from one source page. */
  maxSuggestionsPerSource: number;
  /** Most link suggestions into one target page. */
  maxSuggestionsPerTarget: number;
  /** Subtopics tracked per core topic. */
  subtopicsPerCore: number;
  /** A page is foreign to the site under this share of the site's median vocabulary coverage (see gates/off-topic.ts). */
  offTopicVocabularyRatio: number;
  /** ...and under this multiple of the lexical off-topic threshold. */
  offTopicLexicalRatio: number;
  /** The forget gate takes pages whose coherence is far below the site's and whose words are foreign as off-topic. */
  coherenceOffTopic: boolean;
  /** Cluster the lexical and the sequence-model vectors alone too (the report's ablation). */
  ablation: boolean;
}

export interface AnalysisInput {
  siteUrl: string;
  pages: AnalysisPage[];
  links: AnalysisLink[];
  /**
   * Every URL the crawl fetched, with where its redirects led: links resolve through redirects to the page they reach,
   * and a link counts as broken only when its target answered an error. Without it, any same-site link to a URL that is
   * not an analysed page counts as broken.
   */
  fetches?: AnalysisFetch[];
  /** ISO, passed in so functions stay pure */
  now: string;
  options?: Partial<AnalysisOptions>;
  /** search performance per page and query, when the scan has search data (read through search-signals.ts and query-signals.ts) */
  search?: SearchInput;
}

export interface Subtopic {
  keyphrase: string;
  /** pages of the core that mention the keyphrase */
  mentions: number;
  /** page dedicated to the keyphrase, if any */
  dedicatedUrl: string | null;
}

export interface TopicResult {
  id: number;
  label: string;
  keyphrases: string[];
  isCore: boolean;
  /** why the topic as a whole does not belong to the site (never core, its pages off-topic); absent when it does */
  offTopic?: string;
  pillarUrl: string | null;
  pageCount: number;
  /** mean cosine of the topic's pages to its centroid, 0-1 */
  cohesion: number;
  /** share of the topic's subtopics that have a dedicated page, 0-1 */
  coverage: number;
  /** topic authority, 0-100 */
  authority: number;
  /** share of the internal PageRank held by the topic's pages, 0-1 */
  pagerankShare: number;
  /** share of the topic's pages the pillar links to and that link back, 0-1 */
  hubCompleteness: number;
  subtopics?: Subtopic[];
}

export type ForgetAction = "keep" | "update" | "merge" | "prune";

export interface PageResult {
  url: string;
  /** the page's language (ISO 639-1) as declared or detected; null when unknown */
  language?: string | null;
  topicId: number | null;
  topicSimilarity: number;
  pagerank: number;
  /** distinct pages linking here from content */
  inlinks: number;
  /** distinct internal pages linked from content */
  outlinks: number;
  /** distinct pages linking here from navigation, header, footer or aside (not in PageRank) */
  templateInlinks: number;
  /** distinct internal pages linked from navigation, header, footer or aside */
  templateOutlinks: number;
  /** distinct links to same-site URLs that are not analysable 200 pages */
  brokenOutlinks: number;
  isOrphan: boolean;
  isUtility: boolean;
  utilityKind?: string;
  forget: {
    /** 0 = keep as is, 1 = remove */
    score: number;
    action: ForgetAction;
    reasons: string[];
    mergeInto?: string;
  };
}

export interface GapResult {
  topicId: number;
  /** the missing subtopic, or the query without a fitting page */
  keyphrase: string;
  /** pages mentioning the subtopic; for a query, the page that ranks for it when one does */
  evidence: string[];
  /** "query": a search query with impressions and no fitting page (search data); absent for subtopics the pages mention */
  source?: "query";
  query?: { impressions: number; clicks: number; position: number | null; reason: "no-page" | "off-topic-page" | "weak-position" | "not-dedicated"; detail: string };
}

/** A query at positions 8-20 with impressions: the page to improve (search data). */
export type QuickWinResult = QuickWin;

export interface LinkClusterResult {
  id: number;
  pageUrls: string[];
  topicIds: number[];
}

export interface LinkSuggestion {
  fromUrl: string;
  toUrl: string;
  anchor: string;
  context: string;
  score: number;
  reason: string;
}

export interface LinkingSummary {
  contentLinks: number;
  templateLinks: number;
  brokenLinks: number;
  /** share of content links that stay in their topic or go to a pillar, 0-1 */
  alignment: number;
  /** NMI between link communities and topics, 0-1 */
  communityTopicNmi: number;
  /** mean hub completeness of core topics, 0-1 */
  hubCompleteness: number;
  /** share of content pages without inbound content links, 0-1 */
  orphanShare: number;
  /**
   * how link suggestions were ranked: weights learned from the site's own links (a share held out, `positives` of them
   * found among the candidates), or the hand-set weights when the site has too few links
   */
  suggestionRanking?: { learned: boolean; positives: number; weights: Record<string, number> };
}

/** A site issue: a technical fault reported once with the pages it affects (see findings.ts for the codes). */
export interface Finding {
  /** stable snake_case code */
  code: string;
  pageUrls: string[];
  detail?: string;
}

export interface LanguageSummary {
  /** ISO 639-1, or "und" for pages whose language is unknown */
  code: string;
  pages: number;
  /** ids of the topics holding pages in this language */
  topics: number[];
}

export interface VariantAblation {
  dimensions: number;
  k: number;
  silhouette: number;
  silhouetteByK: Record<number, number>;
}

export interface AnalysisResult {
  site: {
    authority: number;
    gates: { core: number; input: number; forget: number; output: number };
    explanation: string;
    formula: string;
    linking: LinkingSummary;
  };
  topics: TopicResult[];
  pages: PageResult[];
  gaps: GapResult[];
  linkClusters: LinkClusterResult[];
  linkSuggestions: LinkSuggestion[];
  /** site issues, apart from the content actions of the pages */
  findings: Finding[];
  /** the languages the site is written in, most pages first: pages (analysed) and topics holding pages of each */
  languages?: LanguageSummary[];
  /** whether the decisions read search data, and the quick wins it shows (absent: no search data) */
  search?: { usedByDecisions: true; quickWins: QuickWinResult[]; lowCtrPages: number; protectedPages: number; queryCannibals: number };
  ablation?: Record<string, unknown>;
  /** the page vectors the topics were clustered from (the topic map draws them); not part of the report */
  vectorsByUrl?: Map<string, Float64Array>;
}
