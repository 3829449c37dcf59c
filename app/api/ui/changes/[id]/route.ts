import { changeReportResponse } from "@/lib/api/changes";
import { errorResponse } from "@/lib/api/errors";
import { ChangeFormatQuerySchema } from "@/lib/api/schemas";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Dashboard: a change report as JSON, Markdown or HTML (same-origin, no key). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const { format } = ChangeFormatQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return await changeReportResponse((await sharedRuntime()).db, id, format);
  } catch (error) {
    return errorResponse(error);
  }
}
