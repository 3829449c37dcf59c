import type { ApiKeyRow } from "../db/api-keys";
import { sharedRuntime, type Runtime } from "../runtime";
import { guardPath, type Access } from "./access";
import { authenticate } from "./api-keys";
import { errorResponse } from "./errors";
import { enforceRateLimit } from "./rate-limit";
import { allowedHostList, assertHostAllowed } from "./request-origin";

export interface ApiContext<P> {
  request: Request;
  url: URL;
  rt: Runtime;
  key: ApiKeyRow;
  /** the key's workspace and scope; every record the path names was checked against it */
  access: Access;
  params: P;
}

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response>;

/**
 * Every /api/v1 route goes through this: a Host this server is known by (403), the API key (401), the per-key rate limit (429 with Retry-After), the
 * workspace of every record the path names (404 when it is another workspace's) and the key's scope (403 for a read
 * key's change), the handler, and the error shape { error: { code, message } }. Rate headers tell clients how much is left.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const rt = await sharedRuntime();
      assertHostAllowed(request.headers, allowedHostList(rt.config));
      const key = await authenticate(rt.db, request.headers.get("authorization"));
      const rate = await enforceRateLimit(rt.db, key.id, rt.config.rateLimitPerMinute);
      const url = new URL(request.url);
      const access: Access = { workspaceId: key.workspaceId, canWrite: key.scope === "write" };
      await guardPath(rt.db, access, request.method, url.pathname);
      const response = await handler({ request, url, rt, key, access, params: await context.params });
      response.headers.set("RateLimit-Limit", String(rate.limit));
      response.headers.set("RateLimit-Remaining", String(rate.remaining));
      response.headers.set("RateLimit-Reset", String(rate.resetSeconds));
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Query string as a plain object (for zod). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
