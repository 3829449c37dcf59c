/**
 * The scans of one evaluation site: the audit variant (injected pages, held-out links) scanned with the encoder, and,
 * for the site chosen for the crawl checks, the site as it ships scanned with the encoder and two crawl-only variants
 * (no canonicals, internal links through redirects) that take its page vectors, so the comparison isolates the crawl
 * and the analysis from the encoder's training.
 */
import type { AnalysisInput } from "../../lib/analyze/types";
import type { LinkPair } from "./doc-site";
import { DocSite } from "./doc-site";
import { scanSite, type EncoderName, type ScannedSite } from "./scan";
import type { EvalSite } from "./sites";
import { VariantFactory, variantKey, type InjectedPage, type Variant } from "./variants";

export const AUDIT_SEED = 21;

/** What the evaluation keeps of a variant: its ground truth. */
export interface VariantTruth {
  heldOutLinks: LinkPair[];
  injected: InjectedPage[];
  /** section label of every page of the site as it ships */
  labels: Record<string, string>;
}

export interface SiteScans {
  site: EvalSite;
  audit: { truth: VariantTruth; scan: ScannedSite };
  crawlChecks?: {
    original: ScannedSite;
    noCanonical: ScannedSite;
    redirects: ScannedSite;
  };
}

const log = (msg: string) => process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Site-relative path of a URL of one scan, with ".html" restored for pages served at clean URLs. */
export function pathOf(scan: ScannedSite, url: string, cleanUrls = false): string {
  let rel = url.startsWith(`${scan.origin}/`) ? decodeURIComponent(url.slice(scan.origin.length + 1).split("#")[0]) : url;
  if (rel === "") rel = "index.html";
  if (cleanUrls && !rel.endsWith(".html") && !/\.(css|js|png|svg|txt|json|gif|jpe?g)$/.test(rel)) rel += ".html";
  return rel;
}

/** The crawl-only scan with the vectors of `from` (matched by site-relative path). */
function withVectorsOf(scan: ScannedSite, from: ScannedSite, cleanUrls: boolean): ScannedSite {
  const vectors = new Map(from.input.pages.map((p) => [pathOf(from, p.url), p.lstmVector]));
  const input: AnalysisInput = { ...scan.input, pages: scan.input.pages.map((p) => ({ ...p, lstmVector: vectors.get(pathOf(scan, p.url, cleanUrls)) ?? null })) };
  return { ...scan, input, encoder: from.encoder };
}

export async function scanEvalSite(site: EvalSite, opts: { encoder: EncoderName; reuse: boolean; crawlChecks: boolean }): Promise<SiteScans> {
  let factory: VariantFactory | null = null;
  let docs: DocSite | null = null;
  const factoryOf = () => (factory ??= new VariantFactory((docs ??= DocSite.load(site))));
  const scan = async (name: Variant["name"], key: string, make: () => Variant, crawlOnly = false) => {
    const cache = `${site.name}--${name}--${crawlOnly ? "crawl" : opts.encoder}`;
    log(`${cache}: ${opts.reuse ? "reusing a kept scan or " : ""}scanning`);
    const out = await scanSite<VariantTruth>({
      name: cache,
      key,
      assetsDir: site.dir(),
      crawlOnly,
      reuse: opts.reuse,
      encoder: opts.encoder,
      build: () => {
        const v = make();
        const labels: Record<string, string> = {};
        for (const [rel, html] of docs!.pages) labels[rel] = site.label(rel, () => html);
        return { pages: v.pages, serve: { removed: v.removed, redirectHtml: v.redirectHtml }, kept: { heldOutLinks: v.heldOutLinks, injected: v.injected, labels } };
      },
    });
    log(`${cache}: ${out.scan.input.pages.length} pages, ${out.scan.input.links.length} links, scanned in ${Math.round(out.scan.seconds)} s`);
    return out;
  };
  const audit = await scan("audit", variantKey("audit", AUDIT_SEED), () => factoryOf().audit(AUDIT_SEED));
  if (!opts.crawlChecks) return { site, audit: { truth: audit.kept, scan: audit.scan } };
  const original = (await scan("original", variantKey("original"), () => factoryOf().original())).scan;
  const noCanonical = withVectorsOf((await scan("no-canonical", variantKey("no-canonical"), () => factoryOf().noCanonical(), true)).scan, original, false);
  const redirects = withVectorsOf((await scan("redirects", variantKey("redirects"), () => factoryOf().redirects(), true)).scan, original, true);
  return { site, audit: { truth: audit.kept, scan: audit.scan }, crawlChecks: { original, noCanonical, redirects } };
}
