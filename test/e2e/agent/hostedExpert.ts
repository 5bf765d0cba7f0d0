// The Incident Expert on PagerDuty's hosted tool surface (issue 28), in the real VS Code chat with the scripted model:
// in a window whose user settings say pagerduty.toolSurface "hosted", /pagerduty-investigate runs in the agent, which
// is offered the hosted browse_* tools its tools: list names (and none of the classic twins, which that server does
// not publish); the model's browse_incidents calls with request.action "get" and "list_alerts" reach the simulator
// and come back with PagerDuty's text fenced as data.
import assert from 'node:assert/strict';
import { HostedToolbox } from '../../../src/mcp/hosted/surface';
import { TWINS } from '../../../src/mcp/hosted/table';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../../src/mcp/tools';
import { FENCE_OPEN } from '../../../src/model/untrusted';
import { chatContributions, pagerDutyToolsOf } from '../../support/chatFiles';
import { ask, newChat, pickAgent, waitForResponse } from './chat';
import type { OneWindowHost } from './oneWindow';
import { fencedBlocks, outsideFences, type Scenario } from './script';

const DONE = 'HOSTED-CHECKED';
const PREFIX = 'mcp_pagerduty_';

export async function runHostedExpert({ sim, window, check }: Pick<OneWindowHost, 'sim' | 'window' | 'check'>): Promise<void> {
  const { agent } = chatContributions();
  const incident = [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved' && /^[\w\s:.,()/'-]+$/.test(i.title)).sort((a, b) => b.number - a.number)[4]!;
  const scenario: Scenario = {
    match: `with these arguments: incident=${incident.number}`,
    steps: [
      { tool: 'browse_incidents', input: { request: { action: 'get', incident_id: String(incident.number) } } },
      { tool: 'browse_incidents', input: { request: { action: 'list_alerts', incident_id: incident.id, limit: 5 } } },
      { text: DONE },
    ],
  };
  // A plain title (not one of the seed's hostile ones, which the fence rewrites) is found verbatim inside the fence.
  // What a read-only hosted server with the default toolsets publishes, of the names the agent lists.
  const published = new Set(new HostedToolbox(ALL_TOOLS, { enableWrites: false }, DEFAULT_TOOLSETS).publish().map((t) => t.name));
  const expected = pagerDutyToolsOf(agent).filter((t) => published.has(t)).sort();

  await window('agent on the hosted tool surface', { scenarios: [scenario] }, async (page, log) => {
    await check('pagerduty.toolSurface "hosted": the Incident Expert is offered the hosted tools; browse_incidents "get" and "list_alerts" return the incident fenced', async () => {
      await newChat(page);
      await pickAgent(page, 'Agent');
      await ask(page, `/pagerduty-investigate incident=${incident.number}`);
      await waitForResponse(page, DONE);
      const requests = log.of(scenario);
      const first = requests[0];
      assert.ok(first, 'the model received the prompt file');
      const offered = first.tools.filter((t) => t.startsWith(PREFIX)).map((t) => t.slice(PREFIX.length)).sort();
      assert.ok(offered.includes('browse_incidents'), `the agent offers browse_incidents: ${offered.join(', ')}`);
      assert.deepEqual(offered, expected, 'exactly the agent\'s tools the hosted server publishes');
      assert.deepEqual(offered.filter((t) => TWINS.has(t)), [], 'no classic twin: on this surface they are actions');
      assert.deepEqual(requests.slice(0, 2).map((r) => r.reply), scenario.steps.slice(0, 2).map((s) => ({ tool: `${PREFIX}browse_incidents`, input: 'input' in s ? s.input : undefined })));

      const [got, alerts] = log.toolResults(scenario);
      assert.ok(got?.includes(`#${incident.number} ${incident.id}`), `browse_incidents "get" found the incident by its number:\n${got?.slice(0, 300)}`);
      const fenced = fencedBlocks(got!).join('\n');
      assert.ok(fenced.includes(incident.title), 'its title reached the model inside the fence');
      assert.ok(!outsideFences(got!).includes(incident.title), 'and nowhere outside it');
      assert.ok(alerts?.includes(FENCE_OPEN), `browse_incidents "list_alerts" answered with fenced alerts:\n${alerts?.slice(0, 300)}`);
      assert.doesNotMatch(alerts!, /Invalid arguments|not enabled/);
      console.log(`[agent] hosted surface: the Incident Expert was offered ${offered.length} PagerDuty tools (${offered.join(', ')}); browse_incidents get returned ${got!.length} characters, ${fencedBlocks(got!).length} fenced`);
    });
  }, undefined, { 'pagerduty.toolSurface': 'hosted' });
}
