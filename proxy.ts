import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "./lib/config";
import { SESSION_COOKIE } from "./lib/auth/sessions";
import { allowedHostList, assertHostAllowed, assertSameOrigin } from "./lib/api/request-origin";
import { AppError } from "./lib/errors";

/** Pages anyone may open: signing in, first-run setup, share links (signed tokens). */
const PUBLIC_PAGES = [/^\/login$/, /^\/setup$/, /^\/share\//];

/**
 * In front of every page: the Host must be one this server is known by (DNS rebinding), a change must come from the
 * dashboard's own origin (CSRF), and a page without a session cookie goes to the login page. Pages check the session
 * itself again (app/dashboard-session.ts): this only turns the obvious away early. API routes are left out: Next.js
 * reads a request's whole body before a route it proxied runs, while the route wrappers (lib/api/ui-route.ts,
 * lib/api/endpoint.ts) make the same checks and refuse an oversized body before reading it.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  try {
    const allowed = allowedHostList(appConfig());
    assertHostAllowed(request.headers, allowed);
    assertSameOrigin(request.method, request.headers, allowed);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "Refused";
    return NextResponse.json({ error: { code: "forbidden", message } }, { status: 403 });
  }
  if (PUBLIC_PAGES.some((p) => p.test(pathname))) return NextResponse.next();
  if (!request.cookies.get(SESSION_COOKIE)?.value) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", pathname + search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = {
  // pages: everything but the API routes, the build's static files and the icon
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
