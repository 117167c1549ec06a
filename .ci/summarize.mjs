// Prints the closing `N passed, N failed` line from vitest's and Playwright's JSON reports,
// so a run that executed nothing (or whose reports are missing) cannot pass as green.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let missing = [];

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    missing.push(file);
    return null;
  }
};

const vitest = read('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const e2e = read('test-results/e2e.json');
if (e2e) {
  passed += e2e.stats?.expected ?? 0;
  failed += (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0);
}

for (const m of missing) console.log(`missing report: ${m}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(missing.length > 0 || failed > 0 || passed === 0 ? 1 : 0);
