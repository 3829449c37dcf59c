import { z } from "zod";
import { PageQuerySchema } from "./pagination";
import * as S from "./schemas";

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the same zod schemas the route handlers parse with
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12, which z.toJSONSchema writes).
 */

/** Named schemas: each becomes components.schemas.<name>, and references to it become $refs. */
const COMPONENTS = {
  Error: S.ErrorSchema,
  ScanRequest: S.ScanRequestSchema,
  ScanAccepted: S.ScanAcceptedSchema,
  Scan: S.ScanSchema,
  ScanPage: S.ScanPageSchema,
  ScanReport: S.ScanReportSchema,
  ExportRows: S.ExportRowsSchema,
  SiteCreate: S.SiteCreateSchema,
  SiteUpdate: S.SiteUpdateSchema,
  Site: S.SiteSchema,
  SitePage: S.SitePageSchema,
  ScheduleCreate: S.ScheduleCreateSchema,
  Schedule: S.ScheduleSchema,
  SchedulePage: S.SchedulePageSchema,
  ChangeReport: S.ChangeReportSchema,
  ChangeReportSummary: S.ChangeReportSummarySchema,
  ChangeReportPage: S.ChangeReportPageSchema,
  SearchDataSet: S.SearchDataSetSchema,
  SearchDataSetList: S.SearchDataSetListSchema,
  SearchDataImport: S.SearchDataImportSchema,
  SearchConsoleSetup: S.SearchConsoleSetupSchema,
  SearchConsole: S.SearchConsoleSchema,
  Queued: S.QueuedSchema,
  Issue: S.IssueSchema,
  IssueList: S.IssueListSchema,
  IssueStatusUpdate: S.IssueStatusUpdateSchema,
  IssueStatus: S.IssueStatusSchema,
  Suggestion: S.SuggestionSchema,
  SuggestionList: S.SuggestionListSchema,
  SuggestionStatusUpdate: S.SuggestionStatusUpdateSchema,
  AlertSettingsUpdate: S.AlertSettingsUpdateSchema,
  AlertSettings: S.AlertSettingsSchema,
  ShareCreate: S.ShareCreateSchema,
  Share: S.ShareSchema,
  ShareList: S.ShareListSchema,
} as const;

type ComponentName = keyof typeof COMPONENTS;

interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: ComponentName;
  /** a body that is not (only) JSON: content type -> a component or "string" */
  bodyContent?: { [contentType: string]: ComponentName | "string" };
  /** status -> a component (JSON), a content map, or null for no body */
  responses: Record<number, ComponentName | { [contentType: string]: ComponentName | "string" } | null>;
  public?: boolean;
}

const CSV_OR_JSON = { "text/csv": "string", "application/json": "ExportRows" } as const;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/api/v1/scans", summary: "List scans, newest first", query: PageQuerySchema, responses: { 200: "ScanPage" } },
  { method: "post", path: "/api/v1/scans", summary: "Queue a scan of a site (202)", body: "ScanRequest", responses: { 202: "ScanAccepted" } },
  { method: "get", path: "/api/v1/scans/{id}", summary: "A scan's status and progress", responses: { 200: "Scan", 404: "Error" } },
  { method: "delete", path: "/api/v1/scans/{id}", summary: "Cancel a queued or running scan", responses: { 200: "ScanAccepted", 404: "Error", 409: "Error" } },
  {
    method: "get", path: "/api/v1/scans/{id}/report", summary: "The scan report: JSON (ETag; 304 on If-None-Match), or one self-contained HTML file, or its PDF (409 while not done)", query: S.ReportQuerySchema,
    responses: { 200: { "application/json": "ScanReport", "text/html": "string", "application/pdf": "string" }, 304: null, 404: "Error", 409: "Error" },
  },
  { method: "get", path: "/api/v1/scans/{id}/export", summary: "One report table as CSV, JSON or XLSX; format=xlsx without table: a workbook of every table", query: S.ExportQuerySchema, responses: { 200: { ...CSV_OR_JSON, [XLSX]: "string" }, 404: "Error", 409: "Error" } },
  { method: "get", path: "/api/v1/scans/{id}/issues", summary: "The scan's issues by code and status, errors first (X-TopicGate-Health: the audit health score)", query: S.IssuesQuerySchema, responses: { 200: "IssueList", 404: "Error", 409: "Error" } },
  { method: "get", path: "/api/v1/scans/{id}/suggestions", summary: "The scan's link suggestions with their stable ids and statuses", responses: { 200: "SuggestionList", 404: "Error", 409: "Error" } },
  { method: "patch", path: "/api/v1/scans/{id}/suggestions/{suggestionId}", summary: "Set a link suggestion's status (kept for the site across scans)", body: "SuggestionStatusUpdate", responses: { 200: "Suggestion", 404: "Error", 409: "Error" } },
  { method: "get", path: "/api/v1/scans/{id}/shares", summary: "The scan's share links", responses: { 200: "ShareList", 404: "Error" } },
  { method: "post", path: "/api/v1/scans/{id}/shares", summary: "Create a read-only, expiring link to the scan's report", body: "ShareCreate", responses: { 201: "Share", 404: "Error", 409: "Error" } },
  { method: "delete", path: "/api/v1/shares/{shareId}", summary: "Revoke a share link", responses: { 204: null, 404: "Error" } },
  { method: "patch", path: "/api/v1/sites/{id}/issues", summary: "Set an issue's status on one page or on every page of its code; later scans keep it", body: "IssueStatusUpdate", responses: { 200: "IssueStatus", 404: "Error" } },
  { method: "get", path: "/api/v1/sites/{id}/alerts", summary: "The site's alert rules, recipients and recent deliveries", responses: { 200: "AlertSettings", 404: "Error" } },
  { method: "put", path: "/api/v1/sites/{id}/alerts", summary: "Replace the site's alert rules and recipients", body: "AlertSettingsUpdate", responses: { 200: "AlertSettings", 404: "Error" } },
  { method: "get", path: "/api/v1/scans/{id}/changes", summary: "The change report against the previous finished scan of the site (404 if none)", responses: { 200: "ChangeReport", 404: "Error", 409: "Error" } },
  { method: "get", path: "/api/v1/sites", summary: "List sites", query: PageQuerySchema, responses: { 200: "SitePage" } },
  { method: "post", path: "/api/v1/sites", summary: "Add a site (with an optional webhook; its secret is returned once)", body: "SiteCreate", responses: { 201: "Site", 409: "Error" } },
  { method: "get", path: "/api/v1/sites/{id}", summary: "A site", responses: { 200: "Site", 404: "Error" } },
  { method: "patch", path: "/api/v1/sites/{id}", summary: "Change a site's name, crawl settings or webhook", body: "SiteUpdate", responses: { 200: "Site", 404: "Error" } },
  { method: "delete", path: "/api/v1/sites/{id}", summary: "Delete a site with its scans, schedules and change reports", responses: { 204: null, 404: "Error" } },
  { method: "get", path: "/api/v1/sites/{id}/scans", summary: "A site's scans, newest first", query: PageQuerySchema, responses: { 200: "ScanPage", 404: "Error" } },
  { method: "get", path: "/api/v1/sites/{id}/schedules", summary: "A site's recrawl schedules", query: PageQuerySchema, responses: { 200: "SchedulePage", 404: "Error" } },
  { method: "post", path: "/api/v1/sites/{id}/schedules", summary: "Schedule recrawls with a cron expression", body: "ScheduleCreate", responses: { 201: "Schedule", 404: "Error" } },
  { method: "delete", path: "/api/v1/sites/{id}/schedules/{scheduleId}", summary: "Delete a schedule", responses: { 204: null, 404: "Error" } },
  { method: "get", path: "/api/v1/sites/{id}/changes", summary: "A site's change reports, newest first", query: PageQuerySchema, responses: { 200: "ChangeReportPage", 404: "Error" } },
  { method: "get", path: "/api/v1/changes/{id}", summary: "A change report as JSON, Markdown or HTML", query: S.ChangeFormatQuerySchema, responses: { 200: { "application/json": "ChangeReport", "text/markdown": "string", "text/html": "string" }, 404: "Error" } },
  { method: "get", path: "/api/v1/changes/{id}/export", summary: "One change-report table as CSV or JSON", query: S.ChangeExportQuerySchema, responses: { 200: CSV_OR_JSON, 404: "Error" } },
  {
    method: "post", path: "/api/v1/sites/{id}/search-data", summary: "Import search data: a Search Console export (CSV or its archive), a Search Analytics API response with its dimensions (JSON), or a GA4 landing-page export (CSV); 413 past the size cap",
    query: S.SearchDataImportQuerySchema, bodyContent: { "text/csv": "string", "application/json": "string", "application/zip": "string" }, responses: { 201: "SearchDataImport", 404: "Error", 413: "Error" },
  },
  { method: "get", path: "/api/v1/sites/{id}/search-data", summary: "The site's current search data sets", responses: { 200: "SearchDataSetList", 404: "Error" } },
  { method: "delete", path: "/api/v1/sites/{id}/search-data/{dataSetId}", summary: "Remove a search data set", responses: { 204: null, 404: "Error" } },
  { method: "put", path: "/api/v1/sites/{id}/search-console", summary: "Connect Search Console with a service account (key stored encrypted; 503 without TOPICGATE_SECRET_KEY)", body: "SearchConsoleSetup", responses: { 200: "SearchConsole", 404: "Error", 503: "Error" } },
  { method: "get", path: "/api/v1/sites/{id}/search-console", summary: "The site's Search Console connector (never the key)", responses: { 200: "SearchConsole", 404: "Error" } },
  { method: "delete", path: "/api/v1/sites/{id}/search-console", summary: "Disconnect Search Console (its data sets stay)", responses: { 204: null, 404: "Error" } },
  { method: "post", path: "/api/v1/sites/{id}/search-console/refresh", summary: "Queue a refresh of the connector's data now", responses: { 202: "Queued", 404: "Error" } },
  { method: "get", path: "/api/openapi.json", summary: "This document", responses: { 200: { "application/json": "string" } }, public: true },
  { method: "get", path: "/api/health", summary: "Liveness (no key, no database)", responses: { 200: { "application/json": "string" } }, public: true },
];

const STATUS_TEXT: Record<number, string> = {
  200: "OK", 201: "Created", 202: "Accepted", 204: "No content", 304: "Not modified", 400: "Invalid input", 401: "Missing, invalid or revoked API key",
  404: "Not found", 413: "Request body too large", 502: "A third-party service (Search Console) refused or failed", 503: "Server configuration missing (e.g. TOPICGATE_SECRET_KEY)", 409: "Conflict (not done yet, already finished, or already exists)", 429: "Rate limit or concurrent-scan cap reached (see Retry-After)", 500: "Internal error",
};

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: "input", unrepresentable: "any" }) as { schemas: Record<string, Record<string, unknown>> };
  for (const s of Object.values(out.schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return out.schemas;
}

function queryParameters(query: z.ZodObject | undefined): object[] {
  if (!query) return [];
  return Object.entries(query.shape).map(([name, field]) => {
    const schema = z.toJSONSchema(field as z.ZodType, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    delete schema.$schema;
    return { name, in: "query", required: !(field as z.ZodType).safeParse(undefined).success, schema, ...(schema.description ? { description: schema.description } : {}) };
  });
}

function responseObject(status: number, spec: Operation["responses"][number]): object {
  const description = STATUS_TEXT[status] ?? "Response";
  if (spec === null) return { description };
  if (typeof spec === "string") return { description, content: { "application/json": { schema: ref(spec) } } };
  return {
    description,
    content: Object.fromEntries(Object.entries(spec).map(([type, s]) => [type, { schema: s === "string" ? (type === "application/json" ? { type: "object" } : { type: "string" }) : ref(s) }])),
  };
}

export function openApiDocument(): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const responses: Record<string, object> = {};
    for (const [status, spec] of Object.entries(op.responses)) responses[status] = responseObject(Number(status), spec);
    if (!op.public) {
      for (const status of [400, 401, 429, 500]) responses[status] ??= responseObject(status, "Error");
    }
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      operationId: `${op.method}${op.path.replace(/^\/api(\/v1)?/, "").replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
      parameters: [...pathParams, ...queryParameters(op.query)],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body) } } } } : {}),
      ...(op.bodyContent
        ? { requestBody: { required: true, content: Object.fromEntries(Object.entries(op.bodyContent).map(([type, c]) => [type, { schema: c === "string" ? { type: "string" } : ref(c) }])) } }
        : {}),
      responses,
      ...(op.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "TopicGate API",
      version: "1.0.0",
      description:
        "Topical authority audits over HTTP. Every /api/v1 route needs `Authorization: Bearer <api key>` (create keys in the dashboard or with `npx topicgate keys create --name NAME`). Errors are `{ \"error\": { \"code\", \"message\" } }`. Lists take `?limit=&cursor=` and return `nextCursor` and `next`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "an API key (tg_...)" } }, schemas: componentSchemas() },
  };
}
