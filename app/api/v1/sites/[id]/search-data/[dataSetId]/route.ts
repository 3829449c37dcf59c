import { apiRoute, noContent } from "@/lib/api/endpoint";
import { removeSearchDataSet } from "@/lib/api/search-data";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string; dataSetId: string }>(async ({ rt, params }) => {
  await removeSearchDataSet(rt.db, params.id, params.dataSetId);
  return noContent();
});
