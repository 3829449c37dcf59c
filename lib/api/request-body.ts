import { AppError } from "../errors";

/** Largest JSON body a route takes unless it says otherwise: the largest request (alert settings, a site) is a few KiB. */
export const JSON_BODY_BYTES = 1024 * 1024;
/** Largest body of the small routes (statuses, shares, alerts, keys, login): a few hundred bytes each. */
export const SMALL_BODY_BYTES = 16 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError("too_large", `The request body is larger than ${maxBytes} bytes`);
}

/** Refuses a body whose Content-Length already says too much, before a byte of it is read. */
export function assertDeclaredSize(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * A request body read with a size cap: refused from its Content-Length when that already says too much, and cut off
 * while streaming otherwise (a chunked upload cannot run past the cap). 413 (too_large) either way.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  assertDeclaredSize(request, maxBytes);
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
      throw tooLarge(maxBytes);
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

/** A JSON body read under a cap ({} when empty; a syntax error becomes invalid_input at the edge). */
export async function jsonBody(request: Request, maxBytes = JSON_BODY_BYTES): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes));
  if (!text.trim()) return {};
  return JSON.parse(text);
}
