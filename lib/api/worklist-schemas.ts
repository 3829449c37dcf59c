import { z } from "zod";
import { ISSUE_STATUSES, SEVERITIES } from "../issues/types";
import { SUGGESTION_STATUSES } from "../issues/suggestions";

/** A webhook or alert target URL: http(s) only. */
/** Longest URL any request may carry (the crawler ignores longer links too: RFC 9110 recommends at least 8,000, browsers and CDNs cut near 2,048). */
export const MAX_URL_LENGTH = 2048;

export const WebhookUrlSchema = z.url({ protocol: /^https?$/, error: "webhookUrl must be an http(s) URL" }).max(MAX_URL_LENGTH);

/* The audit as a work list: issues, statuses, suggestions, alerts and share links. */

const SeverityEnum = z.enum(SEVERITIES);
const IssueStatusEnum = z.enum(ISSUE_STATUSES);

export const IssueSchema = z.object({
  code: z.string().describe("issue type (see the catalogue in README)"),
  severity: SeverityEnum,
  title: z.string(),
  why: z.string().describe("why it matters"),
  howToFix: z.string(),
  pageUrls: z.array(z.string()).describe("the pages of this code that have this status (where the fix is made)"),
  status: IssueStatusEnum,
  count: z.number().describe("pages (or subjects) of this code with this status"),
  items: z.array(z.object({ key: z.string().describe("what a status is kept by: the page URL, or a subject such as a gap's topic and keyphrase"), pageUrl: z.string().nullable(), detail: z.string().nullable() })),
});
export const IssueListSchema = z.array(IssueSchema);

export const IssuesQuerySchema = z
  .object({ severity: SeverityEnum.optional(), status: IssueStatusEnum.optional(), code: z.string().min(1).max(100).optional() })
  .strict();

export const IssueStatusUpdateSchema = z
  .object({
    code: z.string().min(1, "code is required").max(100),
    pageUrl: z.string().min(1).max(MAX_URL_LENGTH).optional().describe("one page; without it (and without key) the status covers every page of the code"),
    key: z.string().min(1).max(2000).optional().describe("for issues that are not about one page (content_gap): the item's key"),
    status: IssueStatusEnum,
  })
  .strict()
  .refine((b) => !(b.pageUrl && b.key), { message: "give pageUrl or key, not both", path: ["key"] });

export const IssueStatusSchema = z.object({ siteId: z.string(), code: z.string(), key: z.string().describe('"" when the status covers the whole code'), pageUrl: z.string().nullable(), status: IssueStatusEnum });

export const SuggestionSchema = z.object({
  id: z.string().describe("stable across scans of the site (source and target page)"),
  fromUrl: z.string(),
  toUrl: z.string(),
  anchor: z.string(),
  context: z.string(),
  score: z.number(),
  reason: z.string(),
  status: z.enum(SUGGESTION_STATUSES),
});
export const SuggestionListSchema = z.array(SuggestionSchema);
export const SuggestionStatusUpdateSchema = z.object({ status: z.enum(SUGGESTION_STATUSES) }).strict();

/** Most recipients of one site's alert emails: a team list, not a mailing. */
export const MAX_ALERT_EMAILS = 10;

export const AlertSettingsUpdateSchema = z
  .object({
    emails: z.array(z.email().max(254)).max(MAX_ALERT_EMAILS).default([]).describe("who gets the digest by email (SMTP set with TOPICGATE_SMTP_URL)"),
    webhookUrl: WebhookUrlSchema.nullable().default(null).describe("a Slack-style incoming webhook: POST { text }"),
    authorityDrop: z.number().min(0.1).max(100).nullable().default(null).describe("alert when the authority falls by at least this many points against the previous scan"),
    newErrors: z.boolean().default(true).describe("alert on error-level issues the previous scan did not have"),
    newOffTopic: z.boolean().default(true).describe("alert on new off-topic pages"),
    scanFailed: z.boolean().default(true),
    scheduledOnly: z.boolean().default(true).describe("only scheduled scans alert"),
  })
  .strict();

export const AlertDeliverySchema = z.object({
  id: z.string(),
  scanId: z.string(),
  channel: z.enum(["email", "webhook"]),
  target: z.string(),
  state: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export const AlertSettingsSchema = z.object({
  siteId: z.string(),
  emails: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  authorityDrop: z.number().nullable(),
  newErrors: z.boolean(),
  newOffTopic: z.boolean(),
  scanFailed: z.boolean(),
  scheduledOnly: z.boolean(),
  emailConfigured: z.boolean().describe("whether the server has an SMTP server to send email with"),
  recentDeliveries: z.array(AlertDeliverySchema),
});

/** Longest a share link may live. */
export const MAX_SHARE_DAYS = 90;

export const ShareCreateSchema = z.object({ expiresInDays: z.number().int().min(1).max(MAX_SHARE_DAYS).default(7) }).strict();

export const ShareSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  scanId: z.string(),
  path: z.string().describe("/share/<signed token>: the read-only report, no key needed"),
  url: z.string().describe("the full link (TOPICGATE_PUBLIC_URL, or the address of this request)"),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
});
export const ShareListSchema = z.array(ShareSchema);
