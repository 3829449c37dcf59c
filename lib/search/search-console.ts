import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../errors";
import { collapseGscRows, GscApiJsonSchema, type GscApiRow } from "./gsc-json";
import { GoogleHttp, type HttpAnswer } from "./google-http";
import { signServiceAccountJwt, type ServiceAccountKey } from "./service-account";
import type { ParsedSearchData } from "./types";

/**
 * A Search Console API client for one service account: exchanges a signed JWT for an access token, then calls
 * searchanalytics.query (POST {apiBase}/sites/{siteUrl}/searchAnalytics/query) page by page with rowLimit/startRow.
 * A 401 (token expired or revoked) gets a new token and one retry.
 */

/** The API's largest rowLimit (Search Analytics: query reference). */
export const MAX_ROW_LIMIT = 25_000;
/** Rows read per dimension set at most: beyond this a site's long tail adds little and costs storage. */
export const MAX_ROWS_PER_FETCH = 500_000;
/** Tokens are renewed this long before Google's expiry so a request never leaves with a token about to lapse. */
const TOKEN_MARGIN_MS = 60_000;
/** 429 and 5xx answers are retried this many times with doubling waits. */
const RETRIES = 3;
const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface SearchConsoleOptions {
  apiBase: string;
  tokenUrl: string;
  allowPrivate: boolean;
  userAgent: string;
  timeoutMs: number;
  /** first retry wait; doubled per attempt */
  retryBaseMs?: number;
  rowLimit?: number;
  now?: () => number;
}

export interface QueryRequest {
  startDate: string;
  endDate: string;
  dimensions: ("page" | "query")[];
}

function googleError(answer: HttpAnswer): string {
  const j = answer.json as { error?: { message?: string; status?: string } | string; error_description?: string } | null;
  if (j && typeof j.error === "object" && j.error?.message) return `${j.error.status ? `${j.error.status}: ` : ""}${j.error.message}`;
  if (j && typeof j.error === "string") return `${j.error}${j.error_description ? `: ${j.error_description}` : ""}`;
  return answer.text.slice(0, 200) || `HTTP ${answer.status}`;
}

export class SearchConsoleClient {
  private readonly http: GoogleHttp;
  private token: { value: string; expiresAt: number } | null = null;
  /** requests made, for logs and tests */
  readonly calls = { token: 0, query: 0 };

  constructor(private readonly key: ServiceAccountKey, private readonly opts: SearchConsoleOptions) {
    this.http = new GoogleHttp({ allowPrivate: opts.allowPrivate, userAgent: opts.userAgent, timeoutMs: opts.timeoutMs });
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private async accessToken(renew: boolean): Promise<string> {
    if (!renew && this.token && this.token.expiresAt - TOKEN_MARGIN_MS > this.now()) return this.token.value;
    const assertion = signServiceAccountJwt(this.key, this.opts.tokenUrl, Math.floor(this.now() / 1000));
    this.calls.token++;
    const answer = await this.http.post(this.opts.tokenUrl, new URLSearchParams({ grant_type: GRANT_TYPE, assertion }).toString(), { "content-type": "application/x-www-form-urlencoded" });
    const j = answer.json as { access_token?: string; expires_in?: number } | null;
    if (answer.status !== 200 || !j?.access_token) {
      throw new AppError("upstream", `Google refused the service account ${this.key.client_email} (HTTP ${answer.status}): ${googleError(answer)}`);
    }
    this.token = { value: j.access_token, expiresAt: this.now() + (j.expires_in ?? 3600) * 1000 };
    return this.token.value;
  }

  /** One searchanalytics.query call; returns the page of rows. */
  async query(property: string, body: QueryRequest & { rowLimit: number; startRow: number }): Promise<GscApiRow[]> {
    const url = `${this.opts.apiBase}/sites/${encodeURIComponent(property)}/searchAnalytics/query`;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(false);
      this.calls.query++;
      const answer = await this.http.post(url, JSON.stringify({ ...body, type: "web" }), { "content-type": "application/json", authorization: `Bearer ${token}` });
      if (answer.status === 200) {
        const parsed = GscApiJsonSchema.pick({ rows: true }).safeParse(answer.json ?? {});
        if (!parsed.success) throw new AppError("upstream", `Search Console answered an unexpected shape: ${parsed.error.issues[0]?.message}`);
        return parsed.data.rows;
      }
      if (answer.status === 401 && !renewed) {
        renewed = true;
        this.token = null;
        await this.accessToken(true);
        continue;
      }
      if ((answer.status === 429 || answer.status >= 500) && attempt < RETRIES) {
        await sleep((this.opts.retryBaseMs ?? 1_000) * 2 ** attempt);
        continue;
      }
      const hint = answer.status === 403 ? ` (add ${this.key.client_email} as a user of the property ${property} in Search Console)` : "";
      throw new AppError("upstream", `Search Console answered HTTP ${answer.status} for ${property}: ${googleError(answer)}${hint}`);
    }
  }

  /** Every row for the request, paging with startRow until a page comes back short. */
  async fetchAll(property: string, request: QueryRequest): Promise<{ rows: GscApiRow[]; pages: number; truncated: boolean }> {
    const rowLimit = Math.min(this.opts.rowLimit ?? MAX_ROW_LIMIT, MAX_ROW_LIMIT);
    const rows: GscApiRow[] = [];
    let pages = 0;
    for (let startRow = 0; ; startRow += rowLimit) {
      const page = await this.query(property, { ...request, rowLimit, startRow });
      pages++;
      rows.push(...page);
      if (page.length < rowLimit) return { rows, pages, truncated: false };
      if (rows.length >= MAX_ROWS_PER_FETCH) return { rows, pages, truncated: true };
    }
  }

  /** The data sets a refresh stores: page totals, and queries per page. */
  async fetchDataSets(property: string, range: { startDate: string; endDate: string }): Promise<ParsedSearchData[]> {
    const out: ParsedSearchData[] = [];
    for (const dimensions of [["page"], ["query", "page"]] as const) {
      const { rows } = await this.fetchAll(property, { ...range, dimensions: [...dimensions] });
      const collapsed = collapseGscRows([...dimensions], rows);
      out.push({ source: "gsc", kind: collapsed.kind, format: "gsc-connector", startDate: range.startDate, endDate: range.endDate, rows: collapsed.rows });
    }
    return out;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
