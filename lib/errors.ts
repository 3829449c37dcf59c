/**
 * Domain errors carry a stable code; the edges (HTTP routes, CLI) map codes to statuses and exit codes.
 */
export type ErrorCode =
  | "invalid_input"
  | "invalid_url"
  | "private_address"
  | "unreachable"
  | "not_found"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "cancelled"
  | "timeout"
  | "too_large"
  | "storage"
  | "not_configured"
  | "upstream"
  | "internal";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options?.details;
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_url: 400,
  private_address: 400,
  unreachable: 502,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  /** signed in or keyed, but the role or key scope allows reading only */
  forbidden: 403,
  rate_limited: 429,
  cancelled: 409,
  timeout: 504,
  too_large: 413,
  storage: 507,
  /** the server lacks configuration a feature needs (e.g. the secret key for stored credentials) */
  not_configured: 503,
  /** a third-party service (Search Console) refused or failed the request */
  upstream: 502,
  internal: 500,
};

/** CLI exit codes: 2 for bad input, 3 for a site that could not be scanned, 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof AppError)) return 1;
  if (error.code === "invalid_input" || error.code === "invalid_url" || error.code === "private_address") return 2;
  if (error.code === "unreachable" || error.code === "timeout") return 3;
  return 1;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
