import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "./lib/config";
import { SESSION_COOKIE } from "./lib/auth/sessions";
import { allowedHostList, assertHostAllowed, assertSameOrigin } from "./lib/api/request-origin";
import { AppError } from "./lib/errors";

/** Pages anyone may open: signing in, first-run setup, share links (signed tokens), and the health check. */
const PUBLIC_PAGES = [/^\/login$/, /^\/setup$/, /^\/share\//, /^\/api\/health$/, /^\/api\/openapi\.json$/];

/**
 * In front of every request: the Host must be one this server is known by (DNS rebinding), a change made with the
 * session cookie must come from the dashboard's own origin (CSRF), and a page without a session cookie goes to the
 * login page. Route handlers and pages check the session itself again (lib/api/ui-route.ts, app/dashboard-session.ts):
 * this only turns the obvious away early.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/api/health") return NextResponse.next();
  try {
    const allowed = allowedHostList(appConfig());
    assertHostAllowed(request.headers, allowed);
    // /api/v1 is called with API keys from scripts, not with the cookie: no browser origin to check
    if (!pathname.startsWith("/api/v1/")) assertSameOrigin(request.method, request.headers, allowed);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "Refused";
    return NextResponse.json({ error: { code: "forbidden", message } }, { status: 403 });
  }
  if (pathname.startsWith("/api/") || PUBLIC_PAGES.some((p) => p.test(pathname))) return NextResponse.next();
  if (!request.cookies.get(SESSION_COOKIE)?.value) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", pathname + search);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = {
  // everything but the build's static files and the icon
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
