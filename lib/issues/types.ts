/** The audit as a work list: issue types, what a scan found, and the statuses people set. Plain data, no I/O. */

export type Severity = "error" | "warning" | "notice";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "notice"];

export type IssueStatusValue = "open" | "ignored" | "resolved";
export const ISSUE_STATUSES: readonly IssueStatusValue[] = ["open", "ignored", "resolved"];

/** A fault the analysis reports about the site: one code, the pages it concerns, and what exactly is wrong. */
export type { Finding } from "../analyze/types";

/** One issue on one page (or on one subject, for an issue that is not about a page: a content gap's keyphrase). */
export interface IssueOccurrence {
  code: string;
  /** the page URL, or the subject; statuses are kept by (code, key) */
  key: string;
  pageUrl: string | null;
  detail: string | null;
}

/** A status set on a site: on one page (key) or, with key "", on every page of the code. */
export interface IssueStatusRecord {
  code: string;
  key: string;
  status: IssueStatusValue;
  updatedAt: Date;
}

/** A report's issue: the contract fields, plus why it matters, how many pages, and what is wrong on each page. */
export interface Issue {
  code: string;
  severity: Severity;
  title: string;
  why: string;
  howToFix: string;
  /** the pages of this code that have this status */
  pageUrls: string[];
  status: IssueStatusValue;
  count: number;
  items: { key: string; pageUrl: string | null; detail: string | null }[];
}

export interface IssuesSummary {
  /** audit health, 0-100: share of the report's pages without an open error (see HEALTH_FORMULA) */
  health: number;
  pages: number;
  pagesWithOpenErrors: number;
  /** open occurrences per severity */
  open: Record<Severity, number>;
  ignored: number;
  resolved: number;
}
