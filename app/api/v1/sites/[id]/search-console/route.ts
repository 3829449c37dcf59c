import { apiRoute, noContent } from "@/lib/api/endpoint";
import { jsonBody } from "@/lib/api/request-body";
import { SearchConsoleSetupSchema } from "@/lib/api/schemas";
import { configureSearchConsole, removeSearchConsole, searchConsoleOr404, searchConsoleView } from "@/lib/pipeline/search-console-sync";

export const dynamic = "force-dynamic";

/** A service-account key is a few kilobytes. */
const MAX_SETUP_BYTES = 64 * 1024;

export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => Response.json(searchConsoleView(await searchConsoleOr404(rt.db, params.id))));

export const PUT = apiRoute<{ id: string }>(async ({ rt, params, request }) => {
  const body = SearchConsoleSetupSchema.parse(await jsonBody(request, MAX_SETUP_BYTES));
  return Response.json(await configureSearchConsole(rt, params.id, body));
});

export const DELETE = apiRoute<{ id: string }>(async ({ rt, params }) => {
  await removeSearchConsole(rt.db, params.id);
  return noContent();
});
