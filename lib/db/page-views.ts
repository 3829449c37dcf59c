import type { Prisma } from "../generated/prisma/client";
import type { PageCoherence } from "../encode/coherence";
import type { PageRenderInfo } from "../render/types";
import type { Db } from "./client";
import { fieldWhere } from "./page-fields";
import { coherenceOf, renderOf } from "./pages";
import { skipTake, type TablePage, type TableQuery } from "./table-query";

/** The dashboard's reads of pages: the pages and pruning tables, one page's detail, the topic map and the link graph. */

export const PAGE_SORTS = ["url", "title", "depth", "wordCount", "status", "inlinks", "outlinks", "pagerank", "topicSimilarity", "forgetScore", "clicks", "impressions", "ctr", "position", "sessions", "engagementRate"] as const;
export type PageSort = (typeof PAGE_SORTS)[number];
export const FORGET_ACTIONS = ["keep", "update", "merge", "prune"] as const;

export interface PageRow {
  url: string;
  status: number;
  title: string | null;
  wordCount: number;
  depth: number;
  inlinks: number | null;
  outlinks: number | null;
  pagerank: number | null;
  topicKey: number | null;
  topicSimilarity: number | null;
  isUtility: boolean;
  forgetAction: string | null;
  forgetScore: number | null;
  forgetReasons: string[];
  mergeInto: string | null;
  /** search figures (null when the scan had no Search Console data) */
  clicks: number | null;
  impressions: number | null;
  ctr: number | null;
  position: number | null;
  /** GA4 figures (null without GA4 data) */
  sessions: number | null;
  engagementRate: number | null;
  /** custom extraction values by rule name (empty when the scan had no rules) */
  fields: Record<string, string | null>;
}

const ANALYSIS_SORTS = new Set<string>(["inlinks", "outlinks", "pagerank", "topicSimilarity", "forgetScore"]);
const SEARCH_SORTS = new Set<string>(["clicks", "impressions", "ctr", "position", "sessions", "engagementRate"]);

/** The pages table's search filter: pages with clicks, seen but not clicked, with no search value, or at positions 8-20. */
export const SEARCH_FILTERS = ["clicks", "unclicked", "none", "quick-win"] as const;

function searchWhere(filter: string | undefined): Prisma.PageSearchWhereInput | null {
  switch (filter) {
    case "clicks":
      return { clicks: { gt: 0 } };
    case "unclicked":
      return { clicks: 0, impressions: { gt: 0 } };
    case "none":
      return { OR: [{ clicks: 0 }, { clicks: null }], AND: [{ OR: [{ impressions: 0 }, { impressions: null }] }] };
    case "quick-win":
      return { position: { gte: 8, lte: 20 } };
    default:
      return null;
  }
}

function pageOrder(sort: string, desc: boolean): Prisma.PageOrderByWithRelationInput[] {
  const dir = desc ? "desc" : "asc";
  const first = ANALYSIS_SORTS.has(sort) ? { analysis: { [sort]: dir } } : SEARCH_SORTS.has(sort) ? { search: { [sort]: { sort: dir, nulls: "last" } } } : { [sort]: dir };
  return [first as Prisma.PageOrderByWithRelationInput, { id: "asc" }];
}

/**
 * filters: topic (topic key), action (forget action), orphan ("1": no inbound content link), pruning ("1": action is
 * not keep), search (SEARCH_FILTERS), field (custom extraction: `NAME:any`, `NAME:none` or `NAME=VALUE`)
 */
function pageWhere(scanId: string, q: Pick<TableQuery, "q" | "filters">): Prisma.PageWhereInput {
  const analysis: Prisma.PageAnalysisWhereInput = {};
  const topic = q.filters.topic;
  if (topic !== undefined && topic !== "") analysis.topicKey = topic === "none" ? null : Number(topic);
  if (q.filters.action) analysis.forgetAction = q.filters.action;
  else if (q.filters.pruning === "1") analysis.forgetAction = { not: "keep" };
  if (q.filters.orphan === "1") analysis.inlinks = 0;
  const search = searchWhere(q.filters.search);
  const field = fieldWhere(q.filters.field);
  return {
    scanId,
    ...field,
    ...(search ? { search: { is: search } } : {}),
    ...(Object.keys(analysis).length ? { analysis: { is: analysis } } : {}),
    ...(q.q ? { OR: [{ url: { contains: q.q } }, { title: { contains: q.q } }] } : {}),
  };
}

const PAGE_ROW_SELECT = {
  url: true, status: true, title: true, wordCount: true, depth: true,
  analysis: { select: { inlinks: true, outlinks: true, pagerank: true, topicKey: true, topicSimilarity: true, isUtility: true, forgetAction: true, forgetScore: true, forgetReasons: true, mergeInto: true } },
  search: { select: { clicks: true, impressions: true, ctr: true, position: true, sessions: true, engagementRate: true } },
  fields: { select: { name: true, value: true } },
} as const;

type PageRecord = Prisma.PageGetPayload<{ select: typeof PAGE_ROW_SELECT }>;

function toPageRow(r: PageRecord): PageRow {
  const a = r.analysis;
  return {
    url: r.url, status: r.status, title: r.title, wordCount: r.wordCount, depth: r.depth,
    inlinks: a?.inlinks ?? null, outlinks: a?.outlinks ?? null, pagerank: a?.pagerank ?? null, topicKey: a?.topicKey ?? null,
    topicSimilarity: a?.topicSimilarity ?? null, isUtility: a?.isUtility ?? false, forgetAction: a?.forgetAction ?? null,
    forgetScore: a?.forgetScore ?? null, forgetReasons: (a?.forgetReasons as string[] | undefined) ?? [], mergeInto: a?.mergeInto ?? null,
    clicks: r.search?.clicks ?? null, impressions: r.search?.impressions ?? null, ctr: r.search?.ctr ?? null, position: r.search?.position ?? null,
    sessions: r.search?.sessions ?? null, engagementRate: r.search?.engagementRate ?? null,
    fields: Object.fromEntries(r.fields.map((f) => [f.name, f.value])),
  };
}

/** One page of the pages table (also the pruning table, with filters.pruning = "1"). */
export async function pagesTable(db: Db, scanId: string, q: TableQuery<PageSort>): Promise<TablePage<PageRow>> {
  const where = pageWhere(scanId, q);
  const [rows, total] = await Promise.all([
    db.page.findMany({ where, orderBy: pageOrder(q.sort, q.desc), ...skipTake(q), select: PAGE_ROW_SELECT }),
    db.page.count({ where }),
  ]);
  return { rows: rows.map(toPageRow), total };
}

export interface PageDetail extends PageRow {
  metaDescription: string | null;
  canonical: string | null;
  noindex: boolean;
  inSitemap: boolean;
  responseMs: number;
  bytes: number;
  modifiedAt: Date | null;
  headings: { level: number; text: string }[];
  coherence: PageCoherence | null;
  /** what rendering did for the page (null: read from its raw HTML, not a shell) */
  render: PageRenderInfo | null;
}

export async function getPageDetail(db: Db, scanId: string, url: string): Promise<PageDetail | null> {
  const r = await db.page.findUnique({
    where: { scanId_url: { scanId, url } },
    select: { ...PAGE_ROW_SELECT, metaDescription: true, canonical: true, noindex: true, inSitemap: true, responseMs: true, bytes: true, modifiedAt: true, headings: true, extra: true },
  });
  if (!r) return null;
  return {
    ...toPageRow(r), metaDescription: r.metaDescription, canonical: r.canonical, noindex: r.noindex, inSitemap: r.inSitemap,
    responseMs: r.responseMs, bytes: r.bytes, modifiedAt: r.modifiedAt, headings: (r.headings as PageDetail["headings"] | null) ?? [],
    coherence: coherenceOf(r.extra),
    render: renderOf(r.extra),
  };
}

export interface PageLinkRow {
  fromUrl: string;
  toUrl: string;
  anchor: string;
  position: string;
  nofollow: boolean;
}

/** Links into or out of one page (content links first), with the total. */
export async function pageLinks(db: Db, scanId: string, url: string, direction: "in" | "out", take: number): Promise<TablePage<PageLinkRow>> {
  const where = direction === "in" ? { scanId, toUrl: url } : { scanId, fromUrl: url };
  const [rows, total] = await Promise.all([
    db.link.findMany({ where, orderBy: [{ position: "asc" }, { id: "asc" }], take, select: { fromUrl: true, toUrl: true, anchor: true, position: true, nofollow: true } }),
    db.link.count({ where }),
  ]);
  return { rows, total };
}

export interface MapPoint {
  url: string;
  title: string | null;
  topicKey: number | null;
  x: number;
  y: number;
  pagerank: number;
  inlinks: number;
}

/** Every analysed page with its topic-map position (pages without a vector are left out). */
export async function topicMapPoints(db: Db, scanId: string): Promise<MapPoint[]> {
  const rows = await db.pageAnalysis.findMany({
    where: { scanId, mapX: { not: null }, mapY: { not: null } },
    orderBy: { pageId: "asc" },
    select: { topicKey: true, mapX: true, mapY: true, pagerank: true, inlinks: true, page: { select: { url: true, title: true } } },
  });
  return rows.map((r) => ({ url: r.page.url, title: r.page.title, topicKey: r.topicKey, x: r.mapX as number, y: r.mapY as number, pagerank: r.pagerank, inlinks: r.inlinks }));
}

export interface GraphNodeRow {
  url: string;
  title: string | null;
  topicKey: number | null;
  pagerank: number;
  inlinks: number;
  isUtility: boolean;
  x: number | null;
  y: number | null;
}

export async function graphNodes(db: Db, scanId: string): Promise<GraphNodeRow[]> {
  const rows = await db.pageAnalysis.findMany({
    where: { scanId },
    orderBy: { pageId: "asc" },
    select: { topicKey: true, pagerank: true, inlinks: true, isUtility: true, mapX: true, mapY: true, page: { select: { url: true, title: true } } },
  });
  return rows.map((r) => ({ url: r.page.url, title: r.page.title, topicKey: r.topicKey, pagerank: r.pagerank, inlinks: r.inlinks, isUtility: r.isUtility, x: r.mapX, y: r.mapY }));
}

/** Every content link of the scan (all of them, not one per target). */
export async function contentLinks(db: Db, scanId: string): Promise<{ fromUrl: string; toUrl: string }[]> {
  return db.link.findMany({ where: { scanId, position: "content" }, select: { fromUrl: true, toUrl: true }, orderBy: { id: "asc" } });
}

