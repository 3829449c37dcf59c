/**
 * Serves one variant of a documentation site on 127.0.0.1: pages from memory, anything else (stylesheets, images,
 * Sphinx sources) from the package folder on disk; a page the variant removed answers 404.
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface ServedSite {
  /** the start URL of the crawl (the site's index page) */
  startUrl: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveSite(pages: Map<string, string>, assetsDir: string): Promise<ServedSite> {
  const root = path.resolve(assetsDir);
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent((req.url ?? "/").split(/[?#]/)[0]).replace(/^\/+/, "");
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const page = pages.get(rel);
    if (page !== undefined) return void res.writeHead(200, { "content-type": CONTENT_TYPES[".html"] }).end(page);
    const file = path.join(root, path.normalize(rel));
    if (rel.endsWith(".html") || !file.startsWith(root + path.sep)) return void res.writeHead(404, { "content-type": CONTENT_TYPES[".html"] }).end("<h1>Not found</h1>");
    readFile(file).then(
      (data) => res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" }).end(data),
      () => res.writeHead(404, { "content-type": CONTENT_TYPES[".html"] }).end("<h1>Not found</h1>"),
    );
  });
  server.keepAliveTimeout = 30_000;
  // a crawler closing a kept-alive connection mid-write is normal at the end of a crawl
  server.on("connection", (socket) => socket.on("error", () => undefined));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    startUrl: `${origin}/index.html`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
