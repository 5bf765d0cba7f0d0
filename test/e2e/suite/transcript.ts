// What the suites saw (tool outputs, error messages shown to the user), saved for the driver's token hygiene
// check (scripts/e2e/run.ts scans E2E_TRANSCRIPT_DIR after the run). Outside the driver it does nothing.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function record(what: string, text: string): void {
  const dir = process.env.E2E_TRANSCRIPT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'transcript.log'), `--- ${what}\n${text}\n`);
}
