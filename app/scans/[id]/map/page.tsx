import { topicMapPoints } from "@/lib/db/page-views";
import { listTopics } from "@/lib/db/topic-views";
import { NotReady } from "../../../components/NotReady";
import { TopicMap } from "../../../components/TopicMap";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function MapView({ params }: { params: Promise<{ id: string }> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const [points, topics] = await Promise.all([topicMapPoints(db, scan.id), listTopics(db, scan.id)]);
  return (
    <section className="panel">
      <h2>Topic map</h2>
      <p className="muted lead">Are the topics distinct? Each dot is a page placed by its meaning (UMAP of its page vector): tight, separate colours mean clear topics; stray dots are off-topic pages worth a look.</p>
      {points.length ? (
        <TopicMap points={points.map(({ url, title, topicKey, x, y, pagerank }) => ({ url, title, topicKey, x, y, pagerank }))} topics={topics} base={base} />
      ) : (
        <p className="empty-state">This scan has no map positions (it was analysed before the topic map existed, or no page had a vector). Scan the site again to draw it.</p>
      )}
    </section>
  );
}
