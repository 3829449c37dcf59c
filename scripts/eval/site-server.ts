/**
 * Serves one variant of a documentation site on 127.0.0.1: pages from memory, anything else (stylesheets, images,
 * pages the variant does not edit such as Sphinx's source listings) from the package folder on disk; a page the
 * variant removed answers 404. With `redirectHtml`, pages live at their URL without ".html" and the ".html" URL every
 * link uses answers 301 there (a site moved to clean URLs that kept its old links).
 */
import { existsSync } from "node:fs";
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

export interface ServeOptions {
  removed?: Set<string>;
  redirectHtml?: boolean;
}

export async function serveSite(pages: Map<string, string>, assetsDir: string, opts: ServeOptions = {}): Promise<ServedSite> {
  const root = path.resolve(assetsDir);
  const notFound = (res: http.ServerResponse) => void res.writeHead(404, { "content-type": CONTENT_TYPES[".html"] }).end("<h1>Not found</h1>");
  const server = http.createServer((req, res) => {
    const [pathname, query] = (req.url ?? "/").split("?");
    let rel = decodeURIComponent(pathname.split("#")[0]).replace(/^\/+/, "");
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    if (opts.redirectHtml) {
      if (rel.endsWith(".html")) {
        const to = `/${rel.slice(0, -".html".length)}${query ? `?${query}` : ""}`;
        return void res.writeHead(301, { location: to }).end();
      }
      // "sect.apt-get" is the page sect.apt-get.html, "style.css" a file
      if (pages.has(`${rel}.html`) || existsSync(path.join(root, path.normalize(`${rel}.html`)))) rel += ".html";
    }
    if (opts.removed?.has(rel)) return notFound(res);
    const page = pages.get(rel);
    if (page !== undefined) return void res.writeHead(200, { "content-type": CONTENT_TYPES[".html"] }).end(page);
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) return notFound(res);
    readFile(file).then(
      (data) => res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" }).end(data),
      () => notFound(res),
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
