import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { initBackend, selectBackend, type BackendLoaders } from "@/lib/encode/backend";

function loaders(available: Partial<Record<keyof BackendLoaders, boolean>>, tried: string[]): BackendLoaders {
  const make = (name: keyof BackendLoaders) => async () => {
    tried.push(name);
    return available[name] ?? false;
  };
  return { tensorflow: make("tensorflow"), wasm: make("wasm"), cpu: make("cpu") };
}

describe("backend selection", () => {
  it("falls back from a missing tfjs-node to wasm", async () => {
    const tried: string[] = [];
    expect(await selectBackend("tensorflow", loaders({ wasm: true, cpu: true }, tried))).toBe("wasm");
    expect(tried).toEqual(["tensorflow", "wasm"]);
  });

  it("falls back to cpu when wasm cannot start either", async () => {
    const tried: string[] = [];
    expect(await selectBackend(undefined, loaders({ cpu: true }, tried))).toBe("cpu");
    expect(tried).toEqual(["tensorflow", "wasm", "cpu"]);
  });

  it("starts from the preferred backend and does not try faster ones before it", async () => {
    const tried: string[] = [];
    expect(await selectBackend("cpu", loaders({ tensorflow: true, wasm: true, cpu: true }, tried))).toBe("cpu");
    expect(tried).toEqual(["cpu"]);
  });

  it("fails with a coded error when nothing loads", async () => {
    await expect(selectBackend(undefined, loaders({}, []))).rejects.toMatchObject({ code: "internal" });
  });

  it("really initialises wasm here, where tfjs-node is not installed, and registers UnsortedSegmentSum", async () => {
    // The preference comes from the caller only: the environment is config.ts's to read.
    process.env.TOPICGATE_TF_BACKEND = "cpu";
    try {
      expect(await initBackend("tensorflow")).toBe("wasm");
    } finally {
      delete process.env.TOPICGATE_TF_BACKEND;
    }
    expect(tf.getBackend()).toBe("wasm");
    expect(tf.getKernel("UnsortedSegmentSum", "wasm")).toBeDefined();
    // Chosen once: a later call with another preference keeps the first choice.
    expect(await initBackend("cpu")).toBe("wasm");
  });
});
