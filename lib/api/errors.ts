import { ZodError } from "zod";
import { AppError, HTTP_STATUS } from "../errors";
import { processLogger } from "../logger";

/** The error shape of every API response: { error: { code, message } } with the matching status. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    const headers = retryAfter === undefined ? undefined : { "Retry-After": String(retryAfter) };
    return Response.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS[error.code], headers });
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`).join("; ");
    return Response.json({ error: { code: "invalid_input", message } }, { status: 400 });
  }
  if (error instanceof SyntaxError) {
    return Response.json({ error: { code: "invalid_input", message: `Request body is not valid JSON: ${error.message}` } }, { status: 400 });
  }
  processLogger().error({ err: error }, "request failed");
  return Response.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}
