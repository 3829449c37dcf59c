import { defineConfig } from "vitest/config";
import path from "node:path";

// Fault tests restart the shared PostgreSQL server and kill processes: they run alone, one file at a time,
// after the other suites (scripts/test.sh).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname, "../..") } },
  test: {
    root: path.resolve(__dirname, "../.."),
    include: ["test/faults/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
