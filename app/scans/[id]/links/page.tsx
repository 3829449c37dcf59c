import { listTopics } from "@/lib/db/topic-views";
import { LinkGraph } from "../../../components/LinkGraph";
import { NotReady } from "../../../components/NotReady";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function LinksView({ params }: { params: Promise<{ id: string }> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const topics = await listTopics(db, scan.id);
  return (
    <section className="panel">
      <h2>Link graph</h2>
      <p className="muted lead">Do internal links carry authority along topics? Links should mostly stay inside a colour and meet at each topic&apos;s pillar; orphans need a link.</p>
      <LinkGraph scanId={scan.id} base={base} topics={topics.map((t) => ({ topicKey: t.topicKey, label: t.label, isCore: t.isCore }))} />
    </section>
  );
}
