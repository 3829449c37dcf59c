import { AppError } from "../errors";

/**
 * A request body read with a size cap: refused from its Content-Length when that already says too much, and cut off
 * while streaming otherwise (a chunked upload cannot run past the cap). 413 (too_large) either way.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const tooLarge = () => new AppError("too_large", `The request body is larger than ${maxBytes} bytes`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A JSON body read under a cap ({} when empty). */
export async function jsonBodyLimited(request: Request, maxBytes: number): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes));
  if (!text.trim()) return {};
  return JSON.parse(text);
}
