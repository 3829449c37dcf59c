import { completeSetup } from "@/lib/auth/setup";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { SetupSchema } from "@/lib/api/schemas";
import { signInRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** First run: `{ token, email, password }` creates the first owner; the token is the one the server printed at start. */
export const POST = signInRoute(
  async ({ rt, json }) => {
    const { userId } = await completeSetup(rt.db, SetupSchema.parse(await json()));
    return Response.json({ userId }, { status: 201 });
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
