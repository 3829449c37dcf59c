export const dynamic = "force-dynamic";

/** Liveness for load balancers (no database, no key); also the benchmark's baseline route. */
export function GET(): Response {
  return Response.json({ ok: true });
}
