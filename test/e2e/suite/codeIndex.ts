// Entry of the code e2e run (scripts/e2e/run.ts, phase `code`): test/fixtures/payments-workspace open, the
// simulator seeded with its code incidents.
import './code.e2e';

export { run } from '../runner';
