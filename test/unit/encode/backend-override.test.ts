/**
 * TOPICGATE_TF_BACKEND reaches the encoder through config, the way the pipeline passes it
 * (its own file: the backend is chosen once per process).
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { encodeDocuments, trainEncoder } from "@/lib/encode";

const docs = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, text: `the ${i % 2 ? "socket opens a port" : "list sorts a tuple"} then returns `.repeat(20) }));

describe("TOPICGATE_TF_BACKEND", () => {
  it("rejects an unknown backend name when the configuration is parsed", () => {
    expect(() => parseConfig({ TOPICGATE_TF_BACKEND: "gpu" })).toThrow(/TOPICGATE_TF_BACKEND/);
  });

  it("is the backend the encoder trains and encodes on when passed from config", async () => {
    const { tfBackend } = parseConfig({ TOPICGATE_TF_BACKEND: "cpu" });
    const encoder = await trainEncoder(docs, { backend: tfBackend, embeddingDim: 8, hiddenUnits: 8, minCount: 1, batchSize: 4, seqLen: 10, tokenBudget: 400, seed: 1 });
    expect(encoder.stats.backend).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    const { vectors } = await encodeDocuments(encoder, docs, { backend: tfBackend });
    expect(vectors[0].every(Number.isFinite)).toBe(true);
    encoder.dispose();
  });
});
