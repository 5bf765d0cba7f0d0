/** Test helper: fail with a readable list when the simulator saw traffic that breaks the OpenAPI spec. */
import type { Simulator } from './index';
import { formatViolation } from './openapi/validator';

export function assertNoViolations(sim: Pick<Simulator, 'validation'>): void {
  const { violations } = sim.validation;
  if (violations.length === 0) return;
  const shown = violations.slice(0, 20).map(formatViolation).join('\n');
  const more = violations.length > 20 ? `\n... and ${violations.length - 20} more` : '';
  throw new Error(`PagerDuty simulator saw ${violations.length} OpenAPI violation(s):\n${shown}${more}`);
}
