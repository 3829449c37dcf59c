import { errorResponse } from "@/lib/api/errors";
import { reportFileResponse } from "@/lib/api/report-files";
import { openShare } from "@/lib/api/shares";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Shared reports stay out of search engines and send no referrer when a reader follows a link out. */
const SHARE_HEADERS = { "x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer" };

/** A shared report, read-only and without a key: the HTML report, or `?format=pdf`. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const rt = await sharedRuntime();
    const { token } = await params;
    const opened = await openShare(rt, token.slice(0, 200));
    if (!opened.ok) {
      return new Response(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TopicGate</title></head><body><p>${opened.reason}</p></body></html>`, {
        status: opened.status,
        headers: { ...SHARE_HEADERS, "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      });
    }
    const format = new URL(request.url).searchParams.get("format") === "pdf" ? "pdf" : "html";
    return await reportFileResponse(rt, opened.scan, format, SHARE_HEADERS);
  } catch (error) {
    return errorResponse(error);
  }
}
