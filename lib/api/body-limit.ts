import { AppError } from "../errors";

/** Largest JSON body the work-list routes accept: a status change or alert settings fit in a few hundred bytes. */
export const SMALL_BODY_BYTES = 16 * 1024;

/** The JSON body, refused with 413 past `maxBytes` (read as it arrives, so a huge body is not buffered first). */
export async function limitedJsonBody(request: Request, maxBytes = SMALL_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("too_large", `The request body is over ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new AppError("too_large", `The request body is over ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.trim() ? JSON.parse(text) : {};
}
