import { login } from "@/lib/auth/login";
import { sessionCookie, SESSION_TTL_MS } from "@/lib/auth/sessions";
import { clientAddress, requestIsHttps } from "@/lib/api/request-origin";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { LoginSchema } from "@/lib/api/schemas";
import { signInRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Sign in: `{ email, password }` sets the session cookie (rate-limited per address and per email). */
export const POST = signInRoute(
  async ({ rt, request, json }) => {
    const { email, password } = LoginSchema.parse(await json());
    const ip = clientAddress(request.headers);
    const { token } = await login(rt.db, { email, password, ip });
    const cookie = sessionCookie(token, Math.floor(SESSION_TTL_MS / 1000), requestIsHttps(request.headers, rt.config));
    return Response.json({ ok: true }, { headers: { "set-cookie": cookie, "cache-control": "no-store" } });
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
