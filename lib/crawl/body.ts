/**
 * Response bodies read within bounds: wire bytes counted and cut at a cap, content codings undone with an output cap
 * (whole for pages, streamed for robots.txt and sitemaps), and refused when the coding is one we did not ask for.
 */
import { Readable, pipeline } from "node:stream";
import zlib from "node:zlib";

export class TooLargeError extends Error {}
export class EncodingError extends Error {}

export type ContentCoding = "identity" | "gzip" | "deflate" | "br";

/**
 * The one content coding of a response, or an EncodingError. We send `Accept-Encoding: gzip, deflate, br`, so a
 * server may use one of those or none; anything else (zstd, compress, a made-up name) or a stack of codings
 * (`gzip, gzip`: each layer multiplies a bomb's ratio) is refused rather than stored as a page of compressed bytes.
 */
export function contentCoding(header: string | undefined): ContentCoding {
  const codings = (header ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  if (codings.length === 0) return "identity";
  if (codings.length > 1) throw new EncodingError(`stacked content codings are refused: ${header}`);
  const c = codings[0];
  if (c === "gzip" || c === "x-gzip") return "gzip";
  if (c === "deflate" || c === "br") return c;
  throw new EncodingError(`unsupported content coding: ${c}`);
}

/** Reads a body, counting wire bytes; aborts past `limit`. Keeps the bytes only when `keep`. */
export async function readBody(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number, keep: boolean): Promise<{ buf: Buffer; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > limit) {
      body.destroy();
      throw new TooLargeError(`body exceeds ${limit} bytes`);
    }
    if (keep) chunks.push(chunk);
  }
  return { buf: keep ? Buffer.concat(chunks) : Buffer.alloc(0), bytes };
}

/** A zlib stream starts with a CMF byte of method 8 whose header is a multiple of 31 (RFC 1950); anything else is raw deflate. */
function hasZlibHeader(b: Buffer): boolean {
  return b.length >= 2 && (b[0] & 0x0f) === 8 && ((b[0] << 8) | b[1]) % 31 === 0;
}

/** Decompresses a whole body with a hard output cap so a zip bomb fails fast instead of filling memory. */
export function decompress(buf: Buffer, coding: ContentCoding, limit: number): Buffer {
  const opts = { maxOutputLength: limit };
  try {
    if (coding === "gzip") return zlib.gunzipSync(buf, { ...opts, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (coding === "br") return zlib.brotliDecompressSync(buf, opts);
    // some servers send raw deflate without the zlib header
    if (coding === "deflate") return hasZlibHeader(buf) ? zlib.inflateSync(buf, opts) : zlib.inflateRawSync(buf, opts);
  } catch (e) {
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new TooLargeError(`decompressed body exceeds ${limit} bytes`);
    }
    throw e;
  }
  return buf;
}

const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The first `n` bytes of a stream (fewer if it ends first), and the whole stream again with them in front. */
async function peek(src: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = src[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  while (size < n) {
    const next = await it.next();
    if (next.done) break;
    seen.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(seen);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      if (head.length) yield head;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      await it.return?.(); // a reader that stops early releases the source too
    }
  }
  return { head, all: { [Symbol.asyncIterator]: () => all()[Symbol.asyncIterator]() } };
}

/** A decompressing stage pulled by its reader: zlib waits while the reader is busy, so memory stays at its buffers. */
function inflateStage(src: AsyncIterable<Buffer>, z: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress): AsyncIterable<Buffer> {
  // pipeline forwards an error of the source (a cap) into z, and destroying z (the reader stopped) destroys the source
  pipeline(Readable.from(src), z, () => undefined);
  return z;
}

async function* countWire(body: AsyncIterable<Buffer>, limit: number, counter: { wire: number }): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    counter.wire += chunk.length;
    if (counter.wire > limit) throw new TooLargeError(`body exceeds ${limit} bytes on the wire`);
    yield chunk;
  }
}

export interface StreamOptions {
  coding: ContentCoding;
  /** wire bytes read at most (a body that inflates to nothing still costs its transfer) */
  maxWireBytes: number;
  /** decoded bytes passed on at most; past it reading stops (truncated) */
  maxBytes: number;
  /** inflate a body that starts with gzip's magic bytes whatever its headers say (`.xml.gz` files served as-is) */
  sniffGzip: boolean;
  /** receives the decoded body chunk by chunk; returning false stops reading */
  onData: (chunk: Buffer) => boolean | void;
}

/** Streams a body through its decoders into `onData`, stopping at the caps or when asked. The source is destroyed on exit. */
export async function streamBody(body: AsyncIterable<Buffer>, opts: StreamOptions): Promise<{ wireBytes: number; bytes: number; truncated: boolean }> {
  const counter = { wire: 0 };
  let src: AsyncIterable<Buffer> = countWire(body, opts.maxWireBytes, counter);
  if (opts.coding === "gzip") src = inflateStage(src, zlib.createGunzip());
  else if (opts.coding === "br") src = inflateStage(src, zlib.createBrotliDecompress());
  else if (opts.coding === "deflate") {
    const p = await peek(src, 2);
    src = inflateStage(p.all, hasZlibHeader(p.head) ? zlib.createInflate() : zlib.createInflateRaw());
  }
  if (opts.sniffGzip) {
    const p = await peek(src, 2);
    src = isGzip(p.head) ? inflateStage(p.all, zlib.createGunzip()) : p.all;
  }
  let bytes = 0;
  let truncated = false;
  for await (const chunk of src) {
    const room = opts.maxBytes - bytes;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    bytes += part.length;
    if (opts.onData(part) === false || part.length < chunk.length) {
      truncated = true;
      break;
    }
  }
  return { wireBytes: counter.wire, bytes, truncated };
}
