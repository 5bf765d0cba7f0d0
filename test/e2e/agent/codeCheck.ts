// pagerduty_incidents_for_code called by the scripted model in the real VS Code chat: in a window whose folder is
// test/fixtures/payments-workspace (its catalog-info.yaml names the Payments API, seeded into the agent simulator
// here), /pagerduty-check-change runs in the Incident Expert, which is offered the tool; the model's call returns
// the incidents whose frames touch the file, fenced. No confirmation: it only reads.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { LM_TOOLS } from '../../../src/contributions';
import { FENCE_CLOSE, FENCE_OPEN } from '../../../src/model/untrusted';
import type { Simulator } from '../../simulator';
import { seedCodeIncidents } from '../../simulator/seed/codeIncidents';
import { screenshot } from '../harness';
import { ask, newChat, waitForResponse } from './chat';
import type { OneWindowHost } from './oneWindow';
import type { Scenario } from './script';

const DONE = 'CHANGE-CHECKED';
const FIXTURE = resolve(__dirname, '..', '..', 'fixtures', 'payments-workspace');

export async function runCodeCheck({ sim, docsDir, window, check }: Pick<OneWindowHost, 'window' | 'check' | 'docsDir'> & { sim: Simulator }): Promise<void> {
  // Added last, after the checks that count the agent simulator's incidents.
  seedCodeIncidents(sim.state, sim.me, Date.now());
  const degraded = [...sim.state.incidents.values()].find((i) => i.title === 'Payment processing degraded')!;
  const scenario: Scenario = {
    match: 'with these arguments: files=src/payments/charge.ts',
    steps: [{ tool: LM_TOOLS.incidentsForCode, input: { files: ['src/payments/charge.ts'] } }, { text: `${DONE}: #${degraded.number} is open and its frame is in this file: high risk.` }],
  };
  await window('agent change check', { scenarios: [scenario] }, async (page, log) => {
    await check('/pagerduty-check-change runs pagerduty_incidents_for_code in the Incident Expert; the incidents touching the file reach the model fenced', async () => {
      await newChat(page);
      await ask(page, '/pagerduty-check-change files=src/payments/charge.ts');
      await waitForResponse(page, DONE, 90_000);
      const first = log.of(scenario)[0];
      assert.ok(first, 'the model received the prompt file');
      assert.ok(first.tools.includes(LM_TOOLS.incidentsForCode), `the agent offers ${LM_TOOLS.incidentsForCode}: ${first.tools.join(', ')}`);
      const [answer] = log.toolResults(scenario);
      assert.match(answer ?? '', /Checked 1 file\(s\) against 3 incidents of Payments API in the last 90 days: 1 touch them\./, answer);
      const inside = answer!.slice(answer!.indexOf(FENCE_OPEN), answer!.lastIndexOf(FENCE_CLOSE));
      assert.ok(inside.includes(`#${degraded.number} [triggered, high]`) && inside.includes('alert frame: src/payments/charge.ts:12 (chargeCard)'), answer);
      await screenshot(page, join(docsDir, 'agent-mode-check-change.png'));
      console.log(`[agent] ${LM_TOOLS.incidentsForCode}: the model received #${degraded.number}, fenced`);
    });
  }, FIXTURE);
}
