// Prints how much simulator traffic was checked against PagerDuty's OpenAPI spec during the test run.
// Usage: report-validation.mjs reset|report  (the stats file is PD_VALIDATION_STATS or .test-stats/validation.jsonl)
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const file = process.env.PD_VALIDATION_STATS ?? path.resolve('.test-stats/validation.jsonl');
if (process.argv[2] === 'reset') {
  mkdirSync(path.dirname(file), { recursive: true });
  rmSync(file, { force: true });
} else {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const sum = (key) => lines.reduce((n, l) => n + l[key], 0);
  console.log(`OpenAPI validation: ${sum('requests')} requests and ${sum('responses')} responses validated against PagerDuty's spec across ${lines.length} simulator runs, ${sum('violations')} violations`);
  if (sum('violations') > 0) process.exitCode = 1;
}
