import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname, "../..") } },
  test: {
    root: path.resolve(__dirname, "../.."),
    include: ["test/e2e/**/*.test.ts"],
    // the first start builds the dashboard (about a minute here)
    testTimeout: 300_000,
    hookTimeout: 400_000,
    pool: "forks",
    fileParallelism: false,
  },
});
