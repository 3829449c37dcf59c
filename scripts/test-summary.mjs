// Adds up the vitest JSON results of every suite into one closing line: "N passed, N failed, N skipped".
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0, suites = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  suites++;
  passed += r.numPassedTests ?? 0;
  // a file that fails to load counts as a failure even though none of its tests ran
  failed += (r.numFailedTests ?? 0) || (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
const EXPECTED_SUITES = 3; // unit+integration, faults, e2e
if (suites < EXPECTED_SUITES) {
  console.log(`test results missing: ${suites} of ${EXPECTED_SUITES} suites reported`);
  failed += EXPECTED_SUITES - suites;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
