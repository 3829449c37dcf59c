import { sessionOfToken, sessionTokenOf, type Session } from "../auth/sessions";
import { AppError } from "../errors";
import { sharedRuntime, type Runtime } from "../runtime";
import { guardPath, type Access } from "./access";
import { errorResponse } from "./errors";
import { assertDeclaredSize, jsonBody, JSON_BODY_BYTES } from "./request-body";
import { allowedHostList, assertHostAllowed, assertSameOrigin } from "./request-origin";

export interface UiContext<P> {
  request: Request;
  url: URL;
  rt: Runtime;
  params: P;
  session: Session;
  /** the session's workspace and whether its role may change things; every record the path names was checked */
  access: Access;
  /** the JSON body, read under the route's cap (413 past it, without reading the rest) */
  json(): Promise<unknown>;
}

export interface UiRouteOptions {
  /** largest body the route takes (default 1 MiB), or a function of the configuration for uploads */
  maxBodyBytes?: number | ((rt: Runtime) => number);
  /** only owners may call it (API keys, members) */
  ownerOnly?: boolean;
}

/**
 * Every dashboard route (/api/ui) goes through this, as /api/v1 routes go through apiRoute: the Host (a foreign name
 * is refused: DNS rebinding), the origin of a change (a cross-site request is refused: CSRF), the body's declared size,
 * the session cookie (401), the workspace of every record the path names (404 when it is another workspace's), the
 * role (403 for a viewer's change), the handler, and the error shape { error: { code, message } }.
 */
export function uiRoute<P = Record<string, never>>(handler: (ctx: UiContext<P>) => Promise<Response>, options: UiRouteOptions = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const { rt, maxBytes } = await checkedRequest(request, options);
      const session = await sessionOfToken(rt.db, sessionTokenOf(request.headers.get("cookie")));
      if (!session) throw new AppError("unauthorized", "Sign in first: no valid session");
      if (options.ownerOnly && session.role !== "owner") throw new AppError("forbidden", "Only an owner of the workspace may do this");
      const url = new URL(request.url);
      const access: Access = { workspaceId: session.workspaceId, canWrite: session.role !== "viewer" };
      await guardPath(rt.db, access, request.method, url.pathname);
      return await handler({ request, url, rt, params: await context.params, session, access, json: () => jsonBody(request, maxBytes) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** What every browser-facing route checks before anything else: Host, origin of a change, the body's declared size. */
async function checkedRequest(request: Request, options: UiRouteOptions): Promise<{ rt: Runtime; maxBytes: number }> {
  const rt = await sharedRuntime();
  const allowed = allowedHostList(rt.config);
  assertHostAllowed(request.headers, allowed);
  assertSameOrigin(request.method, request.headers, allowed);
  const maxBytes = typeof options.maxBodyBytes === "function" ? options.maxBodyBytes(rt) : (options.maxBodyBytes ?? JSON_BODY_BYTES);
  assertDeclaredSize(request, maxBytes);
  return { rt, maxBytes };
}

/** The routes that come before a session (sign-in, first-run setup, sign-out): the same checks, no session needed. */
export function signInRoute(handler: (ctx: { request: Request; url: URL; rt: Runtime; json(): Promise<unknown> }) => Promise<Response>, options: UiRouteOptions = {}) {
  return async (request: Request): Promise<Response> => {
    try {
      const { rt, maxBytes } = await checkedRequest(request, options);
      return await handler({ request, url: new URL(request.url), rt, json: () => jsonBody(request, maxBytes) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
