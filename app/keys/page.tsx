import { listApiKeys } from "@/lib/db/api-keys";
import { sharedRuntime } from "@/lib/runtime";
import { ApiKeys } from "../components/ApiKeys";
import { currentSession } from "../dashboard-session";

export const dynamic = "force-dynamic";

export default async function KeysPage() {
  const { workspaceId } = await currentSession();
  const keys = await listApiKeys((await sharedRuntime()).db, workspaceId);
  return (
    <>
      <h1>API keys</h1>
      <p className="muted">
        Every <code>/api/v1</code> request needs <code>Authorization: Bearer &lt;key&gt;</code>. A key is shown once, when it is created; TopicGate keeps only
        its hash. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <ApiKeys
        initial={keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
      />
    </>
  );
}
