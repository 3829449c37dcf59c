import { jsonBody, SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { apiRoute } from "@/lib/api/endpoint";
import { ShareCreateSchema } from "@/lib/api/schemas";
import { createShare, listShares, publicBase } from "@/lib/api/shares";

export const dynamic = "force-dynamic";

/** The scan's share links (revoked and expired ones included, with their dates). */
export const GET = apiRoute<{ id: string }>(async ({ rt, params, request }) => Response.json(await listShares(rt, params.id, publicBase(rt, request))));

/** A read-only link to the scan's report that anyone with it can open until it expires or is revoked. */
export const POST = apiRoute<{ id: string }>(async ({ rt, params, request }) => {
  const { expiresInDays } = ShareCreateSchema.parse(await jsonBody(request, SMALL_BODY_BYTES));
  return Response.json(await createShare(rt, params.id, expiresInDays, publicBase(rt, request)), { status: 201 });
});
