import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { jsonBody } from "@/lib/api/request-body";
import { PageQuerySchema, toPage } from "@/lib/api/pagination";
import { createSchedule } from "@/lib/api/schedules";
import { ScheduleCreateSchema } from "@/lib/api/schemas";
import { siteOr404 } from "@/lib/api/sites";
import { scheduleView } from "@/lib/api/views";
import { listSchedulesPage } from "@/lib/db/schedules";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const q = PageQuerySchema.parse(queryOf(url));
  await siteOr404(rt.db, params.id);
  return Response.json(toPage(await listSchedulesPage(rt.db, params.id, { take: q.limit + 1, cursor: q.cursor }), q, url.href, scheduleView));
});

export const POST = apiRoute<{ id: string }>(async ({ rt, params, request }) => {
  const schedule = await createSchedule(rt.db, params.id, ScheduleCreateSchema.parse(await jsonBody(request)));
  return Response.json(scheduleView(schedule), { status: 201 });
});
