import iconv from "iconv-lite";

/** Bytes sniffed for a <meta charset>: the HTML standard's prescan looks at the first 1024 bytes; some sites are sloppier. */
const META_CHARSET_SNIFF_BYTES = 4096;

/**
 * Labels the WHATWG Encoding Standard maps to a wider decoder than their name says, as every browser does: pages
 * labelled Latin-1 or ASCII are in practice windows-1252 (curly quotes and dashes at 0x80-0x9F), and so on.
 */
const WHATWG_LABELS = new Map<string, string>([
  ...["iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "latin1", "l1", "ascii", "us-ascii", "ansi_x3.4-1968", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-ir-100", "x-cp1252"].map(
    (l): [string, string] => [l, "windows-1252"],
  ),
  ...["iso-8859-9", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "latin5", "l5", "csisolatin5", "iso-ir-148"].map((l): [string, string] => [l, "windows-1254"]),
  ...["iso-8859-11", "iso8859-11", "iso885911", "tis-620", "dos-874"].map((l): [string, string] => [l, "windows-874"]),
  ...["gb2312", "gbk", "x-gbk", "csgb2312", "chinese", "iso-ir-58", "gb_2312", "gb_2312-80"].map((l): [string, string] => [l, "gb18030"]),
  ...["utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"].map((l): [string, string] => [l, "utf-8"]),
]);

/** A charset label as the decoder to use, or null when iconv-lite knows no such encoding. */
export function charsetFor(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  const mapped = WHATWG_LABELS.get(l) ?? l;
  return iconv.encodingExists(mapped) ? mapped : null;
}

export function charsetFromContentType(ct: string | null): string | null {
  const m = ct ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct) : null;
  return m ? m[1].toLowerCase() : null;
}

/**
 * Encoding sniffing in the HTML standard's order: byte order mark, then the Content-Type charset, then a <meta>
 * charset in the first bytes, then UTF-8 (the de-facto default of the modern web). Labels map as in browsers.
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
  charset ??= charsetFor(charsetFromContentType(contentType));
  if (charset === null) {
    const head = buf.subarray(0, META_CHARSET_SNIFF_BYTES).toString("latin1");
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
    charset = m ? charsetFor(m[1]) : null;
  }
  charset ??= "utf-8";
  const body = buf.subarray(start);
  const html = charset === "utf-8" ? body.toString("utf8") : iconv.decode(body, charset);
  return { html, charset };
}
