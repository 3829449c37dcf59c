import type { CrawlStore } from "../crawl/store";
import type { Db } from "./client";
import { addPageAlternates, commitFetchedPages, crawlTotals, findUnlinkedPages, markPagesInSitemap } from "./crawl-commits";
import {
  claimFrontierEntries,
  countFrontierByState,
  enqueueFrontierUrls,
  finishFrontierEntry,
  listFrontierUrls,
  renewClaims,
  requeueStaleClaims,
} from "./crawl-frontier";
import { listPageBlockHashes, listPageTexts, updatePageTexts } from "./page-texts";

/** The crawler's storage (lib/crawl's CrawlStore) on this database: frontier, page commits and page texts. */
export function crawlStore(db: Db): CrawlStore {
  return {
    listFrontierUrls: (scanId) => listFrontierUrls(db, scanId),
    enqueueFrontierUrls: (scanId, urls) => enqueueFrontierUrls(db, scanId, urls),
    countFrontierByState: (scanId) => countFrontierByState(db, scanId),
    requeueStaleClaims: (scanId, staleBefore, workerId) => requeueStaleClaims(db, scanId, staleBefore, workerId),
    renewClaims: (scanId, workerId, now) => renewClaims(db, scanId, workerId, now),
    claimFrontierEntries: (scanId, workerId, limit, now, maxPages) => claimFrontierEntries(db, scanId, workerId, limit, now, maxPages),
    finishFrontierEntry: (id, workerId, state, error) => finishFrontierEntry(db, id, workerId, state, error),
    commitFetchedPages: (commits) => commitFetchedPages(db, commits),
    crawlTotals: (scanId) => crawlTotals(db, scanId),
    markPagesInSitemap: (scanId, urls) => markPagesInSitemap(db, scanId, urls),
    addPageAlternates: (scanId, alternates) => addPageAlternates(db, scanId, alternates),
    findUnlinkedPages: (scanId, urls) => findUnlinkedPages(db, scanId, urls),
    listPageBlockHashes: (scanId, afterId, take) => listPageBlockHashes(db, scanId, afterId, take),
    listPageTexts: (ids) => listPageTexts(db, ids),
    updatePageTexts: (updates) => updatePageTexts(db, updates),
  };
}
