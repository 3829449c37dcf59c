import { z } from "zod";
import { DEFAULT_ENCODER_KIND, ENCODER_KINDS } from "../encode/options";
import { AppError } from "../errors";
import { validateCron } from "../pipeline/cron";
import { CHANGE_TABLES } from "../report/change-exports";
import { EXPORT_TABLES } from "../report/exports";
import { SEVERITIES } from "../issues/types";
import { MAX_URL_LENGTH, WebhookUrlSchema } from "./worklist-schemas";
import { MAX_EXTRACTION_RULES, MAX_RULE_NAME_LENGTH, MAX_SELECTOR_LENGTH } from "../crawl/custom-extract";
import { RENDER_MODES } from "../render/types";

/** Limits a scan request may ask for; larger sites are scanned from the CLI or with raised limits in config. */
export const MAX_PAGES_LIMIT = 100_000;
export const MAX_DEPTH_LIMIT = 100;

const UrlFieldSchema = z.string().min(1, "url is required").max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`);

export const RenderModeSchema = z
  .enum(RENDER_MODES)
  .describe("off: raw HTML only; auto (default): pages whose raw HTML looks like a script's shell are rendered in headless Chromium; always: every page is rendered");

export const ExtractionRulesSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "rule names: letters, digits, _ and -, starting with a letter").max(MAX_RULE_NAME_LENGTH),
    z.string().min(1).max(MAX_SELECTOR_LENGTH),
  )
  .refine((m) => Object.keys(m).length <= MAX_EXTRACTION_RULES, { message: `at most ${MAX_EXTRACTION_RULES} extraction rules` })
  .describe('custom extraction: { NAME: "CSS selector" } reads the text of the matching elements, "selector@attribute" an attribute (several matches joined by " | ")');

export const ScanRequestSchema = z
  .object({
    url: UrlFieldSchema,
    maxPages: z.number().int().min(1).max(MAX_PAGES_LIMIT).optional(),
    maxDepth: z.number().int().min(0).max(MAX_DEPTH_LIMIT).optional(),
    encoder: z.enum(ENCODER_KINDS).optional().describe("sequence model: lstm (default), gru, or none (lexical vectors only, fast)"),
    render: RenderModeSchema.optional(),
    extract: ExtractionRulesSchema.optional(),
  })
  .strict();

export type ScanRequestBody = z.infer<typeof ScanRequestSchema>;

/*
 * Every request and response of the HTTP API. Route handlers parse with the request schemas; the OpenAPI document
 * (openapi.ts) is generated from all of them, so the two cannot drift.
 */

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string().describe("stable error code, e.g. invalid_input, unauthorized, not_found, rate_limited"), message: z.string() }) });

export const ScanStatusEnum = z.enum(["queued", "crawling", "encoding", "analyzing", "done", "failed", "cancelled"]);

export const ScanAcceptedSchema = z.object({ id: z.string(), status: ScanStatusEnum });

export const ScanSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    url: z.string(),
    status: ScanStatusEnum,
    trigger: z.string().describe("manual, api, schedule or cli"),
    progress: z.record(z.string(), z.unknown()),
    error: z.string().optional(),
    authority: z.number().nullable(),
    timings: z.object({ crawlMs: z.number().optional(), encodeMs: z.number().optional(), analyzeMs: z.number().optional() }).nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  });

const PageSearchSchema = z
  .looseObject({
    clicks: z.number().nullable(),
    impressions: z.number().nullable(),
    ctr: z.number().nullable().describe("0-1"),
    position: z.number().nullable().describe("impression-weighted average position"),
    queries: z.number().optional(),
    topQueries: z.array(z.object({ query: z.string(), clicks: z.number(), impressions: z.number(), position: z.number().nullable() })).optional(),
    sessions: z.number().optional(),
    engagedSessions: z.number().nullable().optional(),
    engagementRate: z.number().nullable().optional(),
    averageEngagementSeconds: z.number().nullable().optional(),
  })
  .describe("present on every page when the scan used search data; Search Console figures are null with GA4 data only");

const UnmatchedSchema = z.object({
  count: z.number(),
  byReason: z.record(z.string(), z.number()).describe("not-crawled, other-host, not-analysed, ambiguous, invalid-url"),
  examples: z.array(z.object({ url: z.string(), reason: z.string(), status: z.number().optional(), clicks: z.number().nullable(), impressions: z.number().nullable(), sessions: z.number().nullable() })),
});

export const SearchDataSummarySchema = z
  .looseObject({
    used: z.boolean(),
    usedByDecisions: z.boolean().describe("whether the gates' decisions read the data"),
    statement: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    days: z.number().nullable(),
    sources: z.array(z.looseObject({ source: z.string(), kind: z.string(), format: z.string(), startDate: z.string().nullable(), endDate: z.string().nullable(), rows: z.number() })),
    matchedRows: z.number(),
    pagesWithData: z.number(),
    unmatched: UnmatchedSchema,
  })
  .describe("whether search data was used, its period, and how its rows matched the crawled pages");

export const ScanReportSchema = z
  .looseObject({
    schemaVersion: z.literal(1),
    scan: z.looseObject({ id: z.string(), url: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), pagesCrawled: z.number() }),
    site: z.looseObject({
      authority: z.number(),
      gates: z.object({ core: z.number(), input: z.number(), forget: z.number(), output: z.number() }),
      explanation: z.string(),
    }),
    topics: z.array(z.looseObject({ id: z.number(), label: z.string(), keyphrases: z.array(z.string()), isCore: z.boolean(), pillarUrl: z.string().nullable() })),
    pages: z.array(
      z.looseObject({
        url: z.string(),
        status: z.number(),
        title: z.string().nullable(),
        topicId: z.number().nullable(),
        search: PageSearchSchema.optional(),
        render: z
          .object({
            rendered: z.boolean(),
            shell: z.boolean(),
            addedWords: z.number(),
            addedLinks: z.number(),
            error: z.string().optional(),
            timedOut: z.boolean().optional(),
          })
          .optional()
          .describe("rendered: read from the DOM Chromium built; shell: the raw HTML is an application shell; addedWords/addedLinks: what the page's scripts added to its raw HTML"),
        extracted: z.record(z.string(), z.string().nullable()).optional().describe("custom extraction values by rule name (null: nothing matched)"),
      }),
    ),
    searchData: SearchDataSummarySchema.optional(),
    gaps: z.array(z.looseObject({ topicId: z.number(), keyphrase: z.string(), evidence: z.array(z.string()), source: z.literal("query").optional().describe("a search query with impressions and no fitting page") })),
    quickWins: z
      .array(z.looseObject({ query: z.string().nullable(), url: z.string(), position: z.number(), impressions: z.number(), clicks: z.number(), evidence: z.string() }))
      .optional()
      .describe("queries at positions 8-20 with impressions, and the page to improve (present when the scan used search data)"),
    linkClusters: z.array(z.looseObject({ id: z.number(), pageUrls: z.array(z.string()), topicIds: z.array(z.number()) })),
    linkSuggestions: z.array(z.looseObject({ fromUrl: z.string(), toUrl: z.string(), anchor: z.string(), context: z.string(), score: z.number(), reason: z.string() })),
  });

export const ExportQuerySchema = z
  .object({
    table: z.enum(EXPORT_TABLES).optional().describe("which table of the report; without it, format=xlsx gives a workbook of every table"),
    format: z.enum(["csv", "json", "xlsx"]).default("csv").describe("xlsx: a workbook with one sheet per table, the same rows as the CSV"),
  })
  .strict()
  .refine((q) => q.table !== undefined || q.format === "xlsx", { message: "table is required unless format is xlsx", path: ["table"] });

/** Not strict: the report route took no parameters before, and clients may add their own (cache busters). */
export const ReportQuerySchema = z.object({
  format: z.enum(["json", "html", "pdf"]).default("json").describe("html: one self-contained file (inline charts, no network); pdf: the same printed by Chromium"),
});

export const ExportRowsSchema = z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])));

const SiteSettingsSchema = z
  .object({
    maxPages: z.number().int().min(1).max(MAX_PAGES_LIMIT).optional(),
    maxDepth: z.number().int().min(0).max(MAX_DEPTH_LIMIT).optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
    encoder: z.enum(ENCODER_KINDS).optional(),
    render: RenderModeSchema.optional(),
    extract: ExtractionRulesSchema.optional(),
  })
  .strict();


export const SiteCreateSchema = z
  .object({
    url: UrlFieldSchema,
    name: z.string().min(1).max(200).optional(),
    settings: SiteSettingsSchema.optional(),
    webhookUrl: WebhookUrlSchema.nullable().optional(),
  })
  .strict();

export const SiteUpdateSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    settings: SiteSettingsSchema.optional(),
    webhookUrl: WebhookUrlSchema.nullable().optional(),
    rotateWebhookSecret: z.boolean().optional().describe("true: issue a new webhook secret (returned once in this response)"),
  })
  .strict();

export const SiteSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    name: z.string(),
    settings: SiteSettingsSchema,
    webhookUrl: z.string().nullable(),
    hasWebhookSecret: z.boolean(),
    webhookSecret: z.string().optional().describe("only in the response that created or rotated it; sign-checks X-TopicGate-Signature"),
    createdAt: z.string(),
  });

export const CronSchema = z
  .string()
  .min(1, "cron is required")
  .max(120)
  .superRefine((value, ctx) => {
    try {
      validateCron(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof AppError ? error.message : String(error) });
    }
  })
  .describe('cron expression, 5 fields (minute precision) or 6 with seconds first, e.g. "0 3 * * 1"');

export const ScheduleCreateSchema = z.object({ cron: CronSchema, enabled: z.boolean().default(true) }).strict();

/** The dashboard's "Audit a site": crawl settings, an optional recrawl schedule, and the first scan. */
export const AddSiteSchema = z
  .object({
    url: UrlFieldSchema,
    maxPages: z.number().int().min(1).max(MAX_PAGES_LIMIT),
    maxDepth: z.number().int().min(0).max(MAX_DEPTH_LIMIT),
    concurrency: z.number().int().min(1).max(32),
    encoder: z.enum(ENCODER_KINDS).default(DEFAULT_ENCODER_KIND),
    render: RenderModeSchema.optional(),
    extract: ExtractionRulesSchema.optional(),
    cron: CronSchema.optional(),
  })
  .strict();

export const ScheduleSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    cron: z.string(),
    enabled: z.boolean(),
    nextRunAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    lastScanId: z.string().nullable(),
    createdAt: z.string(),
  });

const TopicRefSchema = z.object({ topicId: z.number(), label: z.string() });
const ScoreDeltaSchema = z.object({ previous: z.number(), current: z.number(), delta: z.number() });
const ContentLinkSchema = z.object({ fromUrl: z.string(), toUrl: z.string() });

export const ChangeReportSchema = z
  .object({
    scanId: z.string(),
    previousScanId: z.string(),
    siteUrl: z.string(),
    pagesAdded: z.array(z.string()),
    pagesRemoved: z.array(z.string()),
    pagesChanged: z.array(z.string()).describe("pages in both scans whose content hash changed"),
    statusChanges: z.array(z.object({ url: z.string(), from: z.number(), to: z.number() })),
    topicDrift: z.object({
      matched: z.array(z.object({ previousTopicId: z.number(), previousLabel: z.string(), topicId: z.number(), label: z.string(), sharedPages: z.number() })),
      appeared: z.array(TopicRefSchema),
      vanished: z.array(TopicRefSchema),
      split: z.array(z.object({ previousTopicId: z.number(), previousLabel: z.string(), into: z.array(TopicRefSchema) })),
      merged: z.array(z.object({ topicId: z.number(), label: z.string(), from: z.array(TopicRefSchema) })),
      movedPages: z.array(z.object({ url: z.string(), fromTopicId: z.number().nullable(), fromLabel: z.string().nullable(), toTopicId: z.number().nullable(), toLabel: z.string().nullable() })),
    }),
    newOffTopic: z.array(z.string()),
    newOrphans: z.array(z.string()),
    linksLost: z.array(ContentLinkSchema),
    linksGained: z.array(ContentLinkSchema),
    scoreDeltas: z.object({ authority: ScoreDeltaSchema, core: ScoreDeltaSchema, input: ScoreDeltaSchema, forget: ScoreDeltaSchema, output: ScoreDeltaSchema }),
    searchDeltas: z
      .object({
        previous: z.object({ startDate: z.string().nullable(), endDate: z.string().nullable() }),
        current: z.object({ startDate: z.string().nullable(), endDate: z.string().nullable() }),
        pages: z.array(z.object({ url: z.string(), clicks: ScoreDeltaSchema, impressions: ScoreDeltaSchema })),
      })
      .nullable()
      .optional()
      .describe("clicks and impressions per page when both scans used Search Console data"),
    issuesNew: z.array(IssueChangeSchema()).optional().describe("issues this scan found and the previous one did not (absent in change reports made before issues existed)"),
    issuesResolved: z.array(IssueChangeSchema()).optional().describe("issues the previous scan found and this one does not"),
  });

export const ChangeReportSummarySchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    scanId: z.string(),
    previousScanId: z.string(),
    createdAt: z.string(),
    summary: z.record(z.string(), z.number()).describe("how many of each kind of change (pagesAdded, linksLost, ...) and authorityDelta"),
  });

export const ChangeFormatQuerySchema = z.object({ format: z.enum(["json", "md", "html"]).default("json") }).strict();

export const ChangeExportQuerySchema = z.object({ table: z.enum(CHANGE_TABLES), format: z.enum(["csv", "json"]).default("csv") }).strict();

export function pageOf<T extends z.ZodType>(item: T) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe("pass as ?cursor= for the next page"),
      next: z.string().nullable().describe("path and query of the next page, null on the last page"),
    })

}

export const ScanPageSchema = pageOf(ScanSchema);
export const SitePageSchema = pageOf(SiteSchema);
export const SchedulePageSchema = pageOf(ScheduleSchema);
export const ChangeReportPageSchema = pageOf(ChangeReportSummarySchema);

/** Keys on the dashboard's own routes (/api/ui/keys). */
export const ApiKeyCreateSchema = z
  .object({ name: z.string().trim().min(1, "name is required").max(100), scope: z.enum(["read", "write"]).default("write").describe("read: GET only") })
  .strict();

/** The dashboard's downloads of a scan: the report as HTML or PDF, the workbook of every table, the issues as CSV. */
export const ReportFileQuerySchema = z.object({ format: z.enum(["html", "pdf", "xlsx", "issues-csv"]) }).strict();

/** Longest password accepted: scrypt's cost grows with its input, and no one types more. */
export const MAX_PASSWORD_LENGTH = 256;
/** Shortest password accepted (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 8;

export const LoginSchema = z
  .object({ email: z.email().max(254), password: z.string().min(1, "password is required").max(MAX_PASSWORD_LENGTH) })
  .strict();

export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH);

export const SetupSchema = z.object({ token: z.string().max(200).optional(), email: z.email().max(254), password: PasswordSchema }).strict();

/** Search data imports (POST /api/v1/sites/{id}/search-data). */
export const SearchDataImportQuerySchema = z
  .object({
    source: z.enum(["gsc", "ga4"]).optional().describe("gsc or ga4; read from the file when absent"),
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "startDate must be YYYY-MM-DD").optional().describe("the period, for files that do not carry it (Search Console CSV tables)"),
    endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "endDate must be YYYY-MM-DD").optional(),
    fileName: z.string().max(200).optional(),
  })
  .strict();

export const SearchDataSetSchema = z.object({
  id: z.string(),
  source: z.string().describe("gsc or ga4"),
  kind: z.string().describe("page, query or query-page"),
  format: z.string().describe("gsc-pages-csv, gsc-queries-csv, gsc-api-json, gsc-export-zip, ga4-csv or gsc-connector"),
  origin: z.string().optional().describe("upload, api, cli or connector"),
  fileName: z.string().nullable().optional(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  rowCount: z.number(),
  createdAt: z.string().optional(),
});

export const SearchDataSetListSchema = z.object({ items: z.array(SearchDataSetSchema) });

export const SearchDataImportSchema = z.object({
  siteId: z.string(),
  dataSets: z.array(SearchDataSetSchema),
  replaced: z.number().describe("earlier data sets of the same source and kind this import replaced"),
  match: z
    .object({ scanId: z.string(), pageRows: z.number(), matchedRows: z.number(), pagesMatched: z.number(), unmatched: UnmatchedSchema })
    .nullable()
    .describe("how the rows match the site's latest finished scan; null before its first scan (every scan matches again)"),
});

export const SearchConsoleSetupSchema = z
  .object({
    serviceAccountKey: z.union([z.record(z.string(), z.unknown()), z.string().max(20_000)]).describe("the service account's JSON key (object or text)"),
    property: z.string().min(1).max(2000).describe("https://www.example.com/ (URL-prefix property) or sc-domain:example.com"),
    rangeDays: z.number().int().min(1).max(480).optional().describe("days read at each daily refresh (default 28; Search Console keeps 16 months)"),
    enabled: z.boolean().optional(),
  })
  .strict();

export const SearchConsoleSchema = z.object({
  siteId: z.string(),
  property: z.string(),
  clientEmail: z.string(),
  rangeDays: z.number(),
  enabled: z.boolean(),
  nextRefreshAt: z.string().nullable(),
  lastRefreshAt: z.string().nullable(),
  lastStatus: z.string().nullable().describe("ok or failed"),
  lastError: z.string().nullable(),
});

export const QueuedSchema = z.object({ queued: z.boolean() });
function IssueChangeSchema() {
  return z.object({ code: z.string(), severity: z.enum(SEVERITIES), title: z.string(), key: z.string(), pageUrl: z.string().nullable(), detail: z.string().nullable() });
}

export * from "./worklist-schemas";
