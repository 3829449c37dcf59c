import { closeSession, sessionCookie, sessionTokenOf } from "@/lib/auth/sessions";
import { requestIsHttps } from "@/lib/api/request-origin";
import { signInRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Sign out: the session is revoked in the database (the cookie stops working everywhere) and the cookie cleared. */
export const POST = signInRoute(
  async ({ rt, request }) => {
    await closeSession(rt.db, sessionTokenOf(request.headers.get("cookie")));
    const headers = { "set-cookie": sessionCookie("", 0, requestIsHttps(request.headers, rt.config)), "cache-control": "no-store" };
    // the header's form posts here and follows the redirect to the login page; scripts get 204
    if ((request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return new Response(null, { status: 303, headers: { ...headers, location: "/login" } });
    return new Response(null, { status: 204, headers });
  },
  { maxBodyBytes: 1024 },
);
