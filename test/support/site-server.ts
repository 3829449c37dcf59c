import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** wait this long before answering */
  delayMs?: number;
  /** take over the raw response (slow drips, streamed bodies); status, headers and body are then ignored */
  raw?: (res: http.ServerResponse) => void;
}

export type Route = string | RouteResponse | ((req: http.IncomingMessage) => RouteResponse | Promise<RouteResponse>);

export interface TestSite {
  url: string;
  port: number;
  /** request paths in arrival order */
  requests: string[];
  routes: Map<string, Route>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 serving a map of path -> HTML (or a full response), 404 for anything else.
 * Routes can be changed between scans through `routes`.
 */
export async function serveSite(routes: Record<string, Route>): Promise<TestSite> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    const reqPath = req.url ?? "/";
    requests.push(reqPath);
    const route = table.get(reqPath) ?? table.get(reqPath.split("?")[0]);
    if (route === undefined) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end("<html><body><h1>Not found</h1></body></html>");
      return;
    }
    const r: RouteResponse = typeof route === "string" ? { body: route } : typeof route === "function" ? await route(req) : route;
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    if (r.raw) return r.raw(res);
    res.writeHead(r.status ?? 200, { "content-type": "text/html; charset=utf-8", ...r.headers });
    res.end(r.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    routes: table,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".png": "image/png",
  ".txt": "text/plain",
  ".xml": "application/xml",
};

/** Serves a folder of static files on 127.0.0.1 (directory URLs serve index.html). */
export async function serveDirectory(root: string): Promise<TestSite> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent((req.url ?? "/").split("?")[0]);
    requests.push(urlPath);
    let file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) return void res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" }).end(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    routes: new Map(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
