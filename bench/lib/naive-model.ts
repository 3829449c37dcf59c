/**
 * The baseline we must beat: a plain tfjs-layers LM (Embedding -> LSTM -> Dense softmax over V)
 * trained with model.fit and run with model.predict, as a first implementation would be.
 */
import * as tf from "@tensorflow/tfjs";

export interface NaiveThroughput {
  trainTokensPerSecond: number;
  predictTokensPerSecond: number;
  hiddenOnlyTokensPerSecond: number;
}

function timed(budgetMs: number, run: () => Promise<number>): Promise<number> {
  return (async () => {
    await run(); // warm-up: kernel compilation and first allocations
    let tokens = 0;
    const start = performance.now();
    while (performance.now() - start < budgetMs) tokens += await run();
    return tokens / ((performance.now() - start) / 1000);
  })();
}

export async function measureNaive(
  shape: { vocabSize: number; embeddingDim: number; hiddenUnits: number },
  batches: { inputs: Int32Array; targets: Int32Array }[],
  batchSize: number,
  seqLen: number,
  budgetMs: number,
): Promise<NaiveThroughput> {
  const embedding = tf.layers.embedding({ inputDim: shape.vocabSize, outputDim: shape.embeddingDim, inputLength: seqLen });
  const lstm = tf.layers.lstm({ units: shape.hiddenUnits, returnSequences: true });
  const dense = tf.layers.dense({ units: shape.vocabSize, activation: "softmax" });
  const input = tf.input({ shape: [seqLen], dtype: "int32" });
  const hidden = lstm.apply(embedding.apply(input)) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: dense.apply(hidden) as tf.SymbolicTensor });
  const hiddenModel = tf.model({ inputs: input, outputs: hidden });
  model.compile({ optimizer: tf.train.adam(0.005), loss: "sparseCategoricalCrossentropy" });
  const tensors = batches.map((b) => ({
    x: tf.tensor2d(b.inputs, [batchSize, seqLen], "int32"),
    y: tf.tensor3d(Float32Array.from(b.targets), [batchSize, seqLen, 1]),
  }));
  let i = 0;
  const next = () => tensors[i++ % tensors.length];
  const trainTokensPerSecond = await timed(budgetMs, async () => {
    const b = next();
    await model.fit(b.x, b.y, { batchSize, epochs: 1, verbose: 0 });
    return batchSize * seqLen;
  });
  const predict = (m: tf.LayersModel) => async () => {
    const out = m.predict(next().x) as tf.Tensor;
    await out.data();
    out.dispose();
    return batchSize * seqLen;
  };
  const predictTokensPerSecond = await timed(budgetMs, predict(model));
  const hiddenOnlyTokensPerSecond = await timed(budgetMs / 2, predict(hiddenModel));
  for (const t of tensors) tf.dispose([t.x, t.y]);
  model.dispose();
  return { trainTokensPerSecond, predictTokensPerSecond, hiddenOnlyTokensPerSecond };
}
