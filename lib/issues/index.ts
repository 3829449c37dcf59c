export * from "./types";
export { ISSUE_CATALOGUE, ISSUE_CODES, issueType, compareCodes, type IssueCode, type IssueType } from "./catalogue";
export { detectIssues, toOccurrences, type IssueInput } from "./detect";
export type { CrawlFacts, FetchedUrl, CrawledPage } from "./detect-crawl";
export { HEALTH_FORMULA, WHOLE_CODE, issueChanges, issueList, issuesSummary, statusLookup, statusOf, statusesToReopen, type StatusLookup } from "./statuses";
export { SUGGESTION_STATUSES, appliedSuggestions, suggestionId, type SuggestionStatusValue } from "./suggestions";
