import { Agent, request, type Dispatcher } from "undici";
import { guardedLookup, isPrivateLiteralHost, type LookupAll } from "./address-guard";
import { contentCoding, decompress, EncodingError, readBody, streamBody, TooLargeError, type ContentCoding } from "./body";
import { charsetFromContentType, decodeHtml } from "./charset";
import { sleep, type HostThrottle } from "./politeness";
import { binarySignature, looksBinaryText } from "./sniff";

/** A whole request (all redirect hops, body included) must finish within this: stops slow-drip servers. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Retry-After beyond this is not waited for (the page is recorded as failed); keeps one page from stalling a scan. */
export const MAX_RETRY_AFTER_MS = 10_000;
/** First retry waits this long, doubling per attempt (exponential backoff). */
export const RETRY_BASE_MS = 250;

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
  | "decode"
  | "unsupported_encoding"
  | "binary";

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

export type RedirectCheck = (url: string) => "out_of_scope" | "robots" | null;

export interface FetcherOptions {
  userAgent: string;
  allowPrivate: boolean;
  maxBytesPerPage: number;
  maxRedirects: number;
  retries: number;
  concurrency: number;
  requestTimeoutMs?: number;
  /** Returns a reason to stop following a redirect to this normalised URL (scope, robots), or null. */
  checkRedirect?: RedirectCheck;
  normalize: (url: string, base: string) => string | null;
  /** told about 429/503 answers and normal ones, to slow the whole host down */
  throttle?: HostThrottle;
  /** resolver behind the address guard (the system's by default) */
  lookup?: LookupAll;
}

/** How a robots.txt or sitemap is read: streamed into `onData`, within caps, redirects checked. */
export interface ResourceOptions {
  /** decoded bytes passed on at most; reading stops there (`truncated`) */
  maxBytes: number;
  maxRedirects?: number;
  checkRedirect?: RedirectCheck;
  /** inflate a body starting with gzip's magic bytes whatever its headers say (`.xml.gz` served as-is) */
  sniffGzip?: boolean;
  /** receives the decoded body chunk by chunk; returning false stops reading */
  onData: (chunk: Buffer) => boolean | void;
}

export type ResourceResult = FetchResult & { decodedBytes: number; truncated: boolean };

type Mode = { kind: "page" } | ({ kind: "resource" } & ResourceOptions);

export function createAgent(allowPrivate: boolean, connections: number, lookup?: LookupAll): Agent {
  return new Agent({
    connections,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    connect: { lookup: guardedLookup(allowPrivate, lookup) as never },
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
    this.agent = createAgent(opts.allowPrivate, Math.max(2, opts.concurrency * 2), opts.lookup);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** A page: redirects checked against scope and robots, HTML decoded, other types counted and dropped. */
  fetch(url: string, signal?: AbortSignal): Promise<FetchResult> {
    return this.withRetries(url, signal, { kind: "page" });
  }

  /** A site resource (robots.txt, sitemap), streamed decoded into `opts.onData` within its caps. */
  fetchResource(url: string, signal: AbortSignal | undefined, opts: ResourceOptions): Promise<ResourceResult> {
    return this.withRetries(url, signal, { kind: "resource", ...opts }) as Promise<ResourceResult>;
  }

  private async withRetries(url: string, signal: AbortSignal | undefined, mode: Mode): Promise<FetchResult> {
    let attempt = 0;
    for (;;) {
      const r = await this.fetchOnce(url, signal, mode);
      r.attempts = attempt + 1;
      const throttled = r.status === 429 || r.status === 503;
      const retryAfter = throttled ? parseRetryAfter(r.headers["retry-after"]) : null;
      const host = new URL(r.finalUrl).host;
      if (throttled) this.opts.throttle?.backOff(host, retryAfter);
      else if (r.status > 0 && r.status < 400) this.opts.throttle?.recovered(host);
      const retryable = r.status === 429 || r.status >= 500 || r.errorCode === "network" || r.errorCode === "timeout";
      // a resource already streamed into its consumer cannot be read a second time
      if (!retryable || attempt >= this.opts.retries || signal?.aborted || ((r as Partial<ResourceResult>).decodedBytes ?? 0) > 0) return r;
      if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) return r;
      await sleep(retryAfter ?? RETRY_BASE_MS * 2 ** attempt, signal);
      attempt++;
    }
  }

  private async fetchOnce(requestedUrl: string, outer: AbortSignal | undefined, mode: Mode): Promise<FetchResult & Partial<ResourceResult>> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const result: FetchResult & Partial<ResourceResult> = {
      requestedUrl, finalUrl: requestedUrl, status: 0, headers: {}, contentType: null, charset: null, isHtml: false,
      html: null, bytes: 0, responseMs: 0, redirectChain: [], attempts: 1, error: null, errorCode: null,
    };
    if (mode.kind === "resource") Object.assign(result, { decodedBytes: 0, truncated: false });
    const fail = (code: FetchErrorCode, message: string): FetchResult => {
      result.errorCode = code;
      result.error = message;
      result.responseMs = Math.round(performance.now() - started);
      return result;
    };
    const maxRedirects = mode.kind === "resource" ? (mode.maxRedirects ?? this.opts.maxRedirects) : this.opts.maxRedirects;
    const checkRedirect = mode.kind === "resource" ? mode.checkRedirect : this.opts.checkRedirect;
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
        await res.body.dump().catch(() => undefined); // reads at most undici's dump limit (128 KiB), then closes
        const next = this.opts.normalize(location, current);
        result.redirectChain.push({ url: current, status: res.statusCode, location: next ?? location });
        if (next === null) return fail("network", `redirect to an unsupported URL: ${location}`);
        if (seen.has(next)) return fail("redirect_loop", `redirect loop at ${next}`);
        if (result.redirectChain.length > maxRedirects) return fail("too_many_redirects", `more than ${maxRedirects} redirects`);
        const stop = checkRedirect?.(next) ?? null;
        if (stop) return fail(stop, stop === "robots" ? `redirect target disallowed by robots.txt: ${next}` : `redirect leaves the crawl scope: ${next}`);
        seen.add(next);
        current = next;
        continue;
      }
      result.contentType = result.headers["content-type"] ?? null;
      result.isHtml = isHtmlType(result.contentType);
      try {
        if (mode.kind === "resource") await this.readResource(res, result, mode);
        else await this.readPage(res, result);
      } catch (e) {
        discard(res.body);
        if (e instanceof TooLargeError) return fail("too_large", e.message);
        if (e instanceof EncodingError) return fail("unsupported_encoding", e.message);
        if (e instanceof BinaryBodyError) return fail("binary", e.message);
        const c = classifyNetworkError(e);
        return fail(outer?.aborted ? "cancelled" : c.code === "network" ? "decode" : c.code, c.message);
      }
      result.responseMs = Math.round(performance.now() - started);
      return result;
    }
  }

  /** HTML is read whole (within the page cap), decoded and sniffed; other types are counted and dropped. */
  private async readPage(res: Dispatcher.ResponseData, result: FetchResult): Promise<void> {
    const keep = res.statusCode < 400 && result.isHtml;
    // checked before the body is read: a coding we cannot undo is refused without transferring it
    const coding: ContentCoding = keep ? contentCoding(result.headers["content-encoding"]) : "identity";
    const { buf, bytes } = await readBody(res.body, this.opts.maxBytesPerPage, keep);
    result.bytes = bytes;
    if (!keep) {
      result.charset = charsetFromContentType(result.contentType);
      return;
    }
    const raw = decompress(buf, coding, this.opts.maxBytesPerPage);
    if (binarySignature(raw)) throw new BinaryBodyError("the body is a binary file, not HTML");
    const { html, charset } = decodeHtml(raw, result.contentType);
    if (looksBinaryText(html)) throw new BinaryBodyError("the body is binary data, not HTML");
    result.html = html;
    result.charset = charset;
  }

  /** A resource is streamed through its decoders into the consumer, wire bytes capped at the page cap. */
  private async readResource(res: Dispatcher.ResponseData, result: FetchResult & Partial<ResourceResult>, mode: Extract<Mode, { kind: "resource" }>): Promise<void> {
    if (res.statusCode >= 400) {
      await res.body.dump().catch(() => undefined);
      return;
    }
    const r = await streamBody(res.body, {
      coding: contentCoding(result.headers["content-encoding"]),
      maxWireBytes: Math.max(this.opts.maxBytesPerPage, mode.maxBytes),
      maxBytes: mode.maxBytes,
      sniffGzip: mode.sniffGzip ?? false,
      onData: (chunk) => {
        result.decodedBytes = (result.decodedBytes ?? 0) + chunk.length;
        return mode.onData(chunk);
      },
    });
    result.bytes = r.wireBytes;
    result.decodedBytes = r.bytes;
    result.truncated = r.truncated;
  }
}

class BinaryBodyError extends Error {}

/** Closes a body we stopped reading; undici reports the abort as an error event, which nobody needs to hear. */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => undefined);
  body.destroy();
}
