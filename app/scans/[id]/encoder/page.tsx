import { LineChart } from "../../../components/charts";
import { NotReady } from "../../../components/NotReady";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

interface EncoderFigures {
  backend?: string;
  vocabSize?: number;
  embeddingDim?: number;
  hiddenUnits?: number;
  bidirectional?: boolean;
  seqLen?: number;
  tokensTrained?: number;
  trainSeconds?: number;
  tokensEncoded?: number;
  encodeSeconds?: number;
  heldOutPerplexity?: number;
  unigramPerplexity?: number;
  lossCurve?: number[];
  epochs?: number;
  warmStarted?: boolean;
}

function n(v: number | undefined, digits = 0): string {
  return v === undefined || v === null || !Number.isFinite(v) ? "-" : v.toLocaleString("en", { maximumFractionDigits: digits });
}

export default async function EncoderView({ params }: { params: Promise<{ id: string }> }) {
  const { scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const e = (scan.encoder ?? {}) as EncoderFigures;
  const ppl = e.heldOutPerplexity;
  const uni = e.unigramPerplexity;
  const gain = ppl && uni ? 1 - ppl / uni : null;
  const curve = (e.lossCurve ?? []).filter((v) => Number.isFinite(v));
  return (
    <>
      <section className="panel">
        <h2>Encoder</h2>
        <p className="muted lead">Did the LSTM learn the site&apos;s language? Its held-out perplexity should sit well below the unigram baseline (a model that only knows word frequencies).</p>
        <dl className="metrics" data-testid="encoder-figures">
          <div><dt>Backend</dt><dd data-testid="encoder-backend">{e.backend ?? "-"}</dd></div>
          <div><dt>Vocabulary</dt><dd>{n(e.vocabSize)} tokens</dd></div>
          <div><dt>Embedding</dt><dd>{n(e.embeddingDim)} dims</dd></div>
          <div><dt>Hidden units</dt><dd>{n(e.hiddenUnits)}{e.bidirectional ? " × 2 directions" : ""}</dd></div>
          <div><dt>Sequence length</dt><dd>{n(e.seqLen)} steps</dd></div>
          <div><dt>Trained on</dt><dd>{n(e.tokensTrained)} tokens in {n(e.trainSeconds, 1)} s</dd></div>
          <div><dt>Encoded</dt><dd>{n(e.tokensEncoded)} tokens in {n(e.encodeSeconds, 1)} s</dd></div>
          <div><dt>Scan timings</dt><dd>crawl {n((scan.timings?.crawlMs ?? 0) / 1000, 1)} s · encode {n((scan.timings?.encodeMs ?? 0) / 1000, 1)} s · analyse {n((scan.timings?.analyzeMs ?? 0) / 1000, 1)} s</dd></div>
        </dl>
      </section>
      <div className="two-col">
        <section className="panel" aria-labelledby="ppl-h">
          <h2 id="ppl-h">Perplexity on held-out pages</h2>
          {ppl && uni ? (
            <div className="compare" data-testid="perplexity">
              {[
                { name: "LSTM", value: ppl, cls: "lstm" },
                { name: "Unigram baseline", value: uni, cls: "unigram" },
              ].map((b) => (
                <div key={b.name} className="compare-row">
                  <span className="compare-label">{b.name}</span>
                  <span className="compare-bar">
                    <span className={b.cls} style={{ width: `${Math.max(2, (b.value / Math.max(ppl, uni)) * 100)}%` }} />
                  </span>
                  <span className="num">{n(b.value, 1)}</span>
                </div>
              ))}
              <p>
                {gain !== null && gain > 0
                  ? `The LSTM is ${Math.round(gain * 100)}% less perplexed than the baseline: it learned how the site's words follow each other.`
                  : "The LSTM does no better than word frequencies: the site may have too little text; its page vectors then rely on the lexical features."}
              </p>
            </div>
          ) : (
            <p className="muted">No perplexity was recorded for this scan.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="loss-h">
          <h2 id="loss-h">Training loss</h2>
          {curve.length ? (
            <LineChart series={[{ name: "training loss (nats/token)", values: curve, color: "#1f5fbf" }, ...(uni ? [{ name: "unigram baseline (log perplexity)", values: curve.map(() => Math.log(uni)), color: "#c2410c", dashed: true }] : [])]} xLabel="training window" yLabel="loss" title="Training loss curve" testId="loss-curve" />
          ) : (
            <p className="muted">No loss curve was recorded for this scan.</p>
          )}
        </section>
      </div>
    </>
  );
}
