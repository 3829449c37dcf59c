import zlib from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";
import iconv from "iconv-lite";
import { guardedLookup, isPrivateLiteralHost } from "./address-guard";

/** A whole request (all redirect hops, body included) must finish within this: stops slow-drip servers. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Retry-After beyond this is not waited for (the page is recorded as failed); keeps one page from stalling a scan. */
export const MAX_RETRY_AFTER_MS = 10_000;
/** First retry waits this long, doubling per attempt (exponential backoff). */
export const RETRY_BASE_MS = 250;
/** Bytes sniffed for a <meta charset>: the HTML standard's prescan looks at the first 1024 bytes; some sites are sloppier. */
const META_CHARSET_SNIFF_BYTES = 4096;

export type FetchErrorCode =
  | "too_large"
  | "redirect_loop"
  | "too_many_redirects"
  | "private_address"
  | "out_of_scope"
  | "robots"
  | "timeout"
  | "network"
  | "cancelled"
  | "decode";

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

export interface FetchResult {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  charset: string | null;
  isHtml: boolean;
  /** decoded HTML (only for HTML responses that arrived whole) */
  html: string | null;
  /** bytes on the wire (compressed) */
  bytes: number;
  responseMs: number;
  redirectChain: RedirectHop[];
  attempts: number;
  error: string | null;
  errorCode: FetchErrorCode | null;
}

export interface FetcherOptions {
  userAgent: string;
  allowPrivate: boolean;
  maxBytesPerPage: number;
  maxRedirects: number;
  retries: number;
  concurrency: number;
  requestTimeoutMs?: number;
  /** Returns a reason to stop following a redirect to this normalised URL (scope, robots), or null. */
  checkRedirect?: (url: string) => "out_of_scope" | "robots" | null;
  normalize: (url: string, base: string) => string | null;
}

export function createAgent(allowPrivate: boolean, connections: number): Agent {
  return new Agent({
    connections,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    connect: { lookup: guardedLookup(allowPrivate) as never },
  });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(", ") : v;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    const s = headerValue(v);
    if (s !== undefined) out[k.toLowerCase()] = s;
  }
  return out;
}

class TooLargeError extends Error {}

/** Reads a body, counting wire bytes; aborts past `limit`. Keeps the bytes only when `keep`. */
async function readBody(body: Dispatcher.ResponseData["body"], limit: number, keep: boolean): Promise<{ buf: Buffer; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += (chunk as Buffer).length;
    if (bytes > limit) {
      body.destroy();
      throw new TooLargeError(`body exceeds ${limit} bytes`);
    }
    if (keep) chunks.push(chunk as Buffer);
  }
  return { buf: keep ? Buffer.concat(chunks) : Buffer.alloc(0), bytes };
}

/** Decompresses with a hard output cap so a zip bomb fails fast instead of filling memory. */
export function decompress(buf: Buffer, encoding: string | undefined, limit: number): Buffer {
  const enc = (encoding ?? "").trim().toLowerCase();
  const opts = { maxOutputLength: limit };
  try {
    if (enc === "gzip" || enc === "x-gzip") return zlib.gunzipSync(buf, { ...opts, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (enc === "br") return zlib.brotliDecompressSync(buf, opts);
    if (enc === "deflate") {
      try {
        return zlib.inflateSync(buf, opts);
      } catch (e) {
        if (e instanceof RangeError) throw e;
        return zlib.inflateRawSync(buf, opts); // some servers send raw deflate without the zlib header
      }
    }
  } catch (e) {
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new TooLargeError(`decompressed body exceeds ${limit} bytes`);
    }
    throw e;
  }
  return buf;
}

function charsetFromContentType(ct: string | null): string | null {
  const m = ct ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct) : null;
  return m ? m[1].toLowerCase() : null;
}

/**
 * Encoding sniffing in the HTML standard's order: byte order mark, then the Content-Type charset, then a <meta>
 * charset in the first bytes, then UTF-8 (the de-facto default of the modern web).
 */
export function decodeHtml(buf: Buffer, contentType: string | null): { html: string; charset: string } {
  let charset: string | null = null;
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    charset = "utf-8";
    start = 3;
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    charset = "utf-16le";
    start = 2;
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    charset = "utf-16be";
    start = 2;
  }
  charset ??= charsetFromContentType(contentType);
  if (charset === null || !iconv.encodingExists(charset)) {
    const head = buf.subarray(0, META_CHARSET_SNIFF_BYTES).toString("latin1");
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
    if (m && iconv.encodingExists(m[1])) charset = m[1].toLowerCase();
  }
  if (charset === null || !iconv.encodingExists(charset)) charset = "utf-8";
  const body = buf.subarray(start);
  const html = charset === "utf-8" || charset === "utf8" ? body.toString("utf8") : iconv.decode(body, charset);
  return { html, charset };
}

function isHtmlType(ct: string | null): boolean {
  if (!ct) return false;
  const t = ct.split(";")[0].trim().toLowerCase();
  return t === "text/html" || t === "application/xhtml+xml";
}

/** Seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(v: string | undefined, now = Date.now()): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

function classifyNetworkError(e: unknown): { code: FetchErrorCode; message: string } {
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err?.code ?? err?.cause?.code;
  const message = err?.message ?? String(e);
  if (code === "EPRIVATE" || err?.cause?.code === "EPRIVATE") return { code: "private_address", message };
  if (err?.name === "AbortError" || err?.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return { code: "timeout", message: `timed out: ${message}` };
  }
  return { code: "network", message: code ? `${code}: ${message}` : message };
}

/** Fetches pages with manual redirects (each hop re-checked), bounded bodies, charset decoding and retries. */
export class Fetcher {
  readonly agent: Agent;
  constructor(private readonly opts: FetcherOptions) {
    this.agent = createAgent(opts.allowPrivate, Math.max(2, opts.concurrency * 2));
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** A page: redirects checked against scope and robots, HTML decoded, other types counted and dropped. */
  fetch(url: string, signal?: AbortSignal): Promise<FetchResult> {
    return this.withRetries(url, signal, "page");
  }

  /** A site resource (robots.txt, sitemap): any type, body kept decompressed in `raw`; redirects not scope-checked. */
  fetchResource(url: string, signal?: AbortSignal): Promise<FetchResult & { raw: Buffer | null }> {
    return this.withRetries(url, signal, "resource") as Promise<FetchResult & { raw: Buffer | null }>;
  }

  private async withRetries(url: string, signal: AbortSignal | undefined, mode: "page" | "resource"): Promise<FetchResult> {
    let attempt = 0;
    for (;;) {
      const r = await this.fetchOnce(url, signal, mode);
      r.attempts = attempt + 1;
      const retryable = r.status === 429 || r.status >= 500 || r.errorCode === "network" || r.errorCode === "timeout";
      if (!retryable || attempt >= this.opts.retries || signal?.aborted) return r;
      const retryAfter = r.status === 429 || r.status === 503 ? parseRetryAfter(r.headers["retry-after"]) : null;
      if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) return r;
      await sleep(retryAfter ?? RETRY_BASE_MS * 2 ** attempt, signal);
      attempt++;
    }
  }

  private async fetchOnce(requestedUrl: string, outer: AbortSignal | undefined, mode: "page" | "resource"): Promise<FetchResult & { raw?: Buffer | null }> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const result: FetchResult & { raw?: Buffer | null } = {
      requestedUrl, finalUrl: requestedUrl, status: 0, headers: {}, contentType: null, charset: null, isHtml: false,
      html: null, bytes: 0, responseMs: 0, redirectChain: [], attempts: 1, error: null, errorCode: null,
    };
    const fail = (code: FetchErrorCode, message: string): FetchResult => {
      result.errorCode = code;
      result.error = message;
      result.responseMs = Math.round(performance.now() - started);
      return result;
    };
    const seen = new Set<string>([requestedUrl]);
    let current = requestedUrl;
    for (;;) {
      const host = new URL(current).hostname;
      if (!this.opts.allowPrivate && isPrivateLiteralHost(host)) return fail("private_address", `refused private address ${host}`);
      let res: Dispatcher.ResponseData;
      try {
        res = await request(current, {
          method: "GET",
          dispatcher: this.agent,
          signal,
          headers: {
            "user-agent": this.opts.userAgent,
            accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "accept-encoding": "gzip, deflate, br",
          },
        });
      } catch (e) {
        const c = classifyNetworkError(e);
        return fail(outer?.aborted ? "cancelled" : c.code, c.message);
      }
      result.status = res.statusCode;
      result.headers = flattenHeaders(res.headers);
      result.finalUrl = current;
      const location = result.headers["location"];
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        await res.body.dump().catch(() => undefined);
        const next = this.opts.normalize(location, current);
        result.redirectChain.push({ url: current, status: res.statusCode, location: next ?? location });
        if (next === null) return fail("network", `redirect to an unsupported URL: ${location}`);
        if (seen.has(next)) return fail("redirect_loop", `redirect loop at ${next}`);
        if (result.redirectChain.length > this.opts.maxRedirects) return fail("too_many_redirects", `more than ${this.opts.maxRedirects} redirects`);
        const stop = mode === "page" ? (this.opts.checkRedirect?.(next) ?? null) : null;
        if (stop) return fail(stop, stop === "robots" ? `redirect target disallowed by robots.txt: ${next}` : `redirect leaves the crawl scope: ${next}`);
        seen.add(next);
        current = next;
        continue;
      }
      result.contentType = result.headers["content-type"] ?? null;
      result.isHtml = isHtmlType(result.contentType);
      try {
        const keep = res.statusCode < 400 && (result.isHtml || mode === "resource");
        const { buf, bytes } = await readBody(res.body, this.opts.maxBytesPerPage, keep);
        result.bytes = bytes;
        if (mode === "resource") {
          result.raw = keep ? decompress(buf, result.headers["content-encoding"], this.opts.maxBytesPerPage) : null;
        } else if (result.isHtml && res.statusCode < 400) {
          const raw = decompress(buf, result.headers["content-encoding"], this.opts.maxBytesPerPage);
          const { html, charset } = decodeHtml(raw, result.contentType);
          result.html = html;
          result.charset = charset;
        } else {
          result.charset = charsetFromContentType(result.contentType);
        }
      } catch (e) {
        if (e instanceof TooLargeError) return fail("too_large", e.message);
        const c = classifyNetworkError(e);
        return fail(outer?.aborted ? "cancelled" : c.code === "network" ? "decode" : c.code, c.message);
      }
      result.responseMs = Math.round(performance.now() - started);
      return result;
    }
  }
}
