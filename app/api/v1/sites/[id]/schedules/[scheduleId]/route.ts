import { apiRoute, noContent } from "@/lib/api/endpoint";
import { removeSchedule } from "@/lib/api/schedules";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string; scheduleId: string }>(async ({ rt, params }) => {
  await removeSchedule(rt.db, params.id, params.scheduleId);
  return noContent();
});
