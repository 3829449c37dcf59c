import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Google's token endpoint and the Search Console API, implementing their documented request and
 * response shapes: POST /token (grant_type jwt-bearer, an RS256 assertion verified with the service account's public
 * key) -> { access_token, expires_in, token_type }; POST /webmasters/v3/sites/{siteUrl}/searchAnalytics/query
 * ({ startDate, endDate, dimensions, rowLimit, startRow }) -> { rows: [{ keys, clicks, impressions, ctr, position }] },
 * errors as { error: { code, message, status } }.
 */

export interface StandInRow {
  query: string;
  page: string;
  clicks: number;
  impressions: number;
  position: number;
}

export interface QueryLog {
  property: string;
  token: string;
  body: { startDate: string; endDate: string; dimensions: string[]; rowLimit: number; startRow: number; type?: string };
}

export interface StandIn {
  url: string;
  tokenUrl: string;
  apiBase: string;
  queries: QueryLog[];
  tokens: string[];
  /** tokens the server now answers 401 for (as if they expired) */
  expired: Set<string>;
  /** the next query answers this status once (e.g. 500, 503) */
  failNextQuery: number | null;
  close(): Promise<void>;
}

function googleError(res: http.ServerResponse, code: number, status: string, message: string): void {
  res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify({ error: { code, message, status, errors: [{ message, reason: status }] } }));
}

function verifyAssertion(jwt: string, publicKey: crypto.KeyObject, audience: string, email: string): string | null {
  const [h, c, s] = jwt.split(".");
  if (!h || !c || !s) return "malformed assertion";
  const header = JSON.parse(Buffer.from(h, "base64url").toString());
  const claims = JSON.parse(Buffer.from(c, "base64url").toString());
  if (header.alg !== "RS256") return "alg must be RS256";
  if (!crypto.verify("RSA-SHA256", Buffer.from(`${h}.${c}`), publicKey, Buffer.from(s, "base64url"))) return "Invalid JWT Signature.";
  if (claims.aud !== audience) return `aud must be ${audience}`;
  if (claims.iss !== email) return "unknown issuer";
  if (claims.scope !== "https://www.googleapis.com/auth/webmasters.readonly") return "scope not granted";
  if (claims.exp - claims.iat > 3600) return "assertion lifetime over one hour";
  return null;
}

/** Serves `data` for the properties in `properties` (others answer 403, as for a service account without access). */
export async function startSearchConsoleStandIn(opts: { publicKey: crypto.KeyObject; clientEmail: string; properties: string[]; data: StandInRow[]; startDate: string; endDate: string }): Promise<StandIn> {
  const state = { queries: [] as QueryLog[], tokens: [] as string[], expired: new Set<string>(), failNextQuery: null as number | null };
  let base = "";
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", base);
      if (req.method === "POST" && url.pathname === "/token") {
        const form = new URLSearchParams(body);
        if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "unsupported_grant_type" }));
        const problem = verifyAssertion(form.get("assertion") ?? "", opts.publicKey, `${base}/token`, opts.clientEmail);
        if (problem) return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "invalid_grant", error_description: problem }));
        const token = `ya29.stand-in-${state.tokens.length + 1}`;
        state.tokens.push(token);
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: token, expires_in: 3599, token_type: "Bearer" }));
      }
      const m = /^\/webmasters\/v3\/sites\/([^/]+)\/searchAnalytics\/query$/.exec(url.pathname);
      if (req.method !== "POST" || !m) return googleError(res, 404, "NOT_FOUND", "Not found");
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      if (!state.tokens.includes(token) || state.expired.has(token)) return googleError(res, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
      const property = decodeURIComponent(m[1]);
      const q = JSON.parse(body) as QueryLog["body"];
      state.queries.push({ property, token, body: q });
      if (state.failNextQuery !== null) {
        const code = state.failNextQuery;
        state.failNextQuery = null;
        return googleError(res, code, code === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL", "Backend Error");
      }
      if (!opts.properties.includes(property)) return googleError(res, 403, "PERMISSION_DENIED", `User does not have sufficient permission for site '${property}'.`);
      if (!q.startDate || !q.endDate || q.startDate > q.endDate) return googleError(res, 400, "INVALID_ARGUMENT", "startDate and endDate are required");
      if (q.rowLimit > 25_000) return googleError(res, 400, "INVALID_ARGUMENT", "rowLimit must be at most 25000");
      const dims = q.dimensions ?? [];
      const groups = new Map<string, { keys: string[]; clicks: number; impressions: number; weighted: number }>();
      for (const r of opts.data) {
        const keys = dims.map((d) => (d === "page" ? r.page : r.query));
        const g = groups.get(keys.join("\u0000")) ?? { keys, clicks: 0, impressions: 0, weighted: 0 };
        g.clicks += r.clicks;
        g.impressions += r.impressions;
        g.weighted += r.position * r.impressions;
        groups.set(keys.join("\u0000"), g);
      }
      // documented order: clicks descending
      const rows = [...groups.values()]
        .sort((a, b) => b.clicks - a.clicks || a.keys.join().localeCompare(b.keys.join()))
        .map((g) => ({ keys: g.keys, clicks: g.clicks, impressions: g.impressions, ctr: g.impressions ? g.clicks / g.impressions : 0, position: g.impressions ? g.weighted / g.impressions : 0 }));
      const page = rows.slice(q.startRow ?? 0, (q.startRow ?? 0) + (q.rowLimit ?? 1000));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page.length ? { rows: page, responseAggregationType: "byPage" } : { responseAggregationType: "byPage" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: base,
    tokenUrl: `${base}/token`,
    apiBase: `${base}/webmasters/v3`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
