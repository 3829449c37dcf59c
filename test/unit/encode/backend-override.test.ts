import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { BACKEND_ENV_VAR, initBackend } from "@/lib/encode/backend";

describe("TOPICGATE_TF_BACKEND", () => {
  it("rejects an unknown backend name with invalid_input", async () => {
    process.env[BACKEND_ENV_VAR] = "gpu";
    try {
      await expect(initBackend()).rejects.toMatchObject({ code: "invalid_input" });
    } finally {
      delete process.env[BACKEND_ENV_VAR];
    }
  });

  it("overrides the preferred backend", async () => {
    process.env[BACKEND_ENV_VAR] = "cpu";
    try {
      expect(await initBackend("wasm")).toBe("cpu");
      expect(tf.getBackend()).toBe("cpu");
    } finally {
      delete process.env[BACKEND_ENV_VAR];
    }
  });
});
