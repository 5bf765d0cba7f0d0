// The agent layer contributed through chatAgents / chatSkills / chatPromptFiles, in the real VS Code chat with the
// scripted model: the PagerDuty Incident Expert is in the agent picker; chosen, the model receives its instructions
// and only the tools it lists, with the skill offered; the skill loads when the model reads it; a prompt file run as
// a slash command reaches the model with its arguments in the agent; Investigate with Copilot opens the agent.
// Every assertion is on what the model received (its request log) or on what the chat shows.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXPERT_AGENT } from '../../../src/contributions';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../../src/mcp/tools';
import type { Simulator } from '../../simulator';
import { BUILT_IN_TOOLS, chatContributions, pagerDutyToolsOf } from '../../support/chatFiles';
import { runCommand, screenshot } from '../harness';
import { ask, CHAT, INPUT, newChat, pickAgent, runIncidentCommand, sendPrefilledRequest, showForScreenshot, waitForResponse } from './chat';
import type { ModelRequest, Scenario, Script } from './script';

/** Copilot adds this tool to every request, whatever the agent lists (seen in 1.139; not one of ours). */
const ALWAYS_ADDED = new Set(['session_store_sql']);

export interface ChatCustomizationsHost {
  sim: Simulator;
  docsDir: string;
  /** A read-only window (writes off) signed in with the user's token, running this script. */
  window(
    name: string,
    script: Script,
    fn: (page: Page, log: { all(): ModelRequest[]; of(s: Scenario): ModelRequest[]; toolResult(s: Scenario): string }) => Promise<void>,
  ): Promise<void>;
  check(name: string, fn: () => Promise<void>): Promise<void>;
}

export async function runChatCustomizations({ sim, docsDir, window, check }: ChatCustomizationsHost): Promise<void> {
  const { agent, skill } = chatContributions();
  const firstLine = agent.body.trim().split('\n')[0]!;
  const open = [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved').sort((a, b) => b.number - a.number);
  const mine = open.filter((i) => i.assignments.some((a) => a.userId === sim.me.id));
  const [investigated, viaCommand] = [open[2]!, open[3]!];

  const triaged = `You have ${mine.length} open incidents assigned to you.`;
  const scenarios = {
    triage: { match: 'What is assigned to me right now?', steps: [
      { tool: 'list_incidents', input: { scope: 'assigned', statuses: ['triggered', 'acknowledged'] } },
      { text: triaged },
    ] },
    skill: { match: 'Load the PagerDuty incident-management skill', steps: [
      { tool: 'read_file', input: { filePath: skill.file, startLine: 1, endLine: 400 } },
      { text: 'SKILL-LOADED' },
    ] },
    prompt: { match: `with these arguments: incident=${investigated.number}`, steps: [
      { tool: 'get_incident', input: { incident_id: String(investigated.number) } },
      { text: `Incident #${investigated.number} (${investigated.id}) is ${investigated.status}. Next: alerts, notes, timeline, related incidents, change events and who is on call.` },
    ] },
    command: { match: `Investigate PagerDuty incident #${viaCommand.number} (${viaCommand.id})`, steps: [{ text: 'EXPERT-ON-IT' }] },
  } satisfies Record<string, Scenario>;

  // Writes are off in this window: the agent's PagerDuty tools the model may get are its read-only ones.
  const enabled = new Set(ALL_TOOLS.filter((t) => DEFAULT_TOOLSETS.includes(t.toolset) && t.annotations.readOnlyHint).map((t) => t.name));
  const expectedPagerDuty = pagerDutyToolsOf(agent).filter((t) => enabled.has(t)).sort();
  const builtInNames = new Set(Object.values(BUILT_IN_TOOLS));

  /** The request ran in the Incident Expert: its instructions in the system prompt, only its tools offered. */
  function assertInExpert(request: ModelRequest | undefined, what: string): void {
    assert.ok(request, `the model never received ${what}`);
    const system = textOf(request, 'system');
    assert.ok(system.includes('<modeInstructions>') && system.includes(firstLine), `${what}: the agent's instructions are in the system prompt`);
    const pagerDuty = request.tools.filter((t) => t.startsWith('mcp_pagerduty_')).map((t) => t.slice('mcp_pagerduty_'.length)).sort();
    assert.deepEqual(pagerDuty, expectedPagerDuty, `${what}: exactly the PagerDuty tools the agent lists (of those enabled)`);
    const others = request.tools.filter((t) => !t.startsWith('mcp_pagerduty_'));
    assert.deepEqual(others.filter((t) => !builtInNames.has(t) && !ALWAYS_ADDED.has(t)), [], `${what}: no built-in tool the agent does not list`);
    assert.ok(others.includes('read_file'), `${what}: read_file, which loads skills`);
  }

  await window('agent chat customizations', { scenarios: Object.values(scenarios) }, async (page, log) => {
    await check('the agent picker offers PagerDuty Incident Expert; chosen, the model gets its instructions, only its tools and the skill', async () => {
      await runCommand(page, 'View: Close All Editors');
      await newChat(page);
      await showForScreenshot(page);
      await pickAgent(page, EXPERT_AGENT, join(docsDir, 'agent-mode-expert-picker.png'));
      await ask(page, scenarios.triage.match);
      await waitForResponse(page, triaged);
      const [request] = log.of(scenarios.triage);
      assertInExpert(request, 'the request sent in the agent');
      const skills = /<skills>[\s\S]*?<\/skills>/.exec(textOf(request!, 'system') + textOf(request!, 'user'))?.[0] ?? '';
      assert.match(skills, new RegExp(`<name>${skill.header.name}</name>\\s*<description>[^<]*incident response`), 'the skill is offered with its description');
      assert.ok(skills.includes(`<file>${skill.file}</file>`), 'with the SKILL.md path to read');
      // The same window's first request ran in the default Agent mode: more tools, none of the agent's text.
      const [warmUp] = log.all();
      assert.ok(warmUp && !textOf(warmUp, 'system').includes(firstLine), 'the default agent has no Incident Expert instructions');
      assert.ok(warmUp.tools.length > request!.tools.length + 10, `the default agent offers more tools (${warmUp.tools.length} vs ${request!.tools.length})`);
      for (const name of builtInNames) {
        if (warmUp.tools.includes(name)) assert.ok(request!.tools.includes(name), `${name}: a built-in the agent lists and this window has`);
      }
      console.log(`[agent] tools offered: default agent ${warmUp.tools.length}, Incident Expert ${request!.tools.length} (${expectedPagerDuty.length} PagerDuty, writes off)`);
      assert.match(log.toolResult(scenarios.triage), /Incidents|incidents/);
    });

    await check('asked, the model loads the skill: reading its SKILL.md gives it the investigation workflow and troubleshooting table', async () => {
      await newChat(page);
      await ask(page, scenarios.skill.match);
      await waitForResponse(page, 'SKILL-LOADED');
      assertInExpert(log.of(scenarios.skill)[0], 'the skill request');
      const result = toolResultsOf(log.of(scenarios.skill).at(-1)).join('\n');
      assert.ok(result.includes('## Investigating an incident') && result.includes('## Troubleshooting'), `the skill's text reached the model:\n${result.slice(0, 400)}`);
    });

    await check('/pagerduty-investigate incident=N, typed in Agent mode, runs in the Incident Expert, reaches the model with the incident; its handoff moves to the default agent', async () => {
      await newChat(page);
      await pickAgent(page, 'Agent');
      await ask(page, `/pagerduty-investigate incident=${investigated.number}`);
      await waitForResponse(page, `Incident #${investigated.number}`);
      const [request] = log.of(scenarios.prompt);
      assertInExpert(request, 'the prompt file');
      assert.match(request!.userRequest, /Investigate PagerDuty incident `\$\{input:incident\}`/, 'the prompt file\'s text (VS Code 1.139 leaves ${input:…} for the model to fill)');
      assert.ok(request!.userRequest.includes(`Follow instructions in #prompt:pagerduty-investigate.prompt.md with these arguments: incident=${investigated.number}`));
      assert.match(log.toolResult(scenarios.prompt), new RegExp(`#${investigated.number} ${investigated.id}`), 'get_incident with the number from the arguments found the incident');
      await page.locator(INPUT, { hasText: EXPERT_AGENT }).first().waitFor({ timeout: 10_000 });
      // The agent's handoff to the default agent, offered under the answer.
      const handoff = (agent.header.handoffs as { label: string; agent: string; prompt: string }[])[0]!;
      const button = page.locator(CHAT).getByText(handoff.label, { exact: true }).first();
      await button.waitFor({ timeout: 10_000 });
      await showForScreenshot(page);
      await screenshot(page, join(docsDir, 'agent-mode-prompt-file.png'));
      // Chosen, it switches to the default agent with its prompt typed in, for the engineer to send.
      await button.click();
      await page.locator(INPUT, { hasText: handoff.prompt.slice(0, 30) }).filter({ hasText: /Agent/ }).first().waitFor({ timeout: 10_000 });
      assert.ok(!(await page.locator(INPUT, { hasText: EXPERT_AGENT }).count()), 'the handoff left the Incident Expert');
    });

    await check('"Investigate with Copilot" switches the chat to the Incident Expert with the request typed in; sent, it runs there', async () => {
      await newChat(page);
      await pickAgent(page, 'Agent');
      await runIncidentCommand(page, 'PagerDuty: Investigate with Copilot', viaCommand.number);
      await page.locator(INPUT, { hasText: EXPERT_AGENT }).first().waitFor({ timeout: 15_000 });
      await sendPrefilledRequest(page, 'Investigate PagerDuty incident');
      await waitForResponse(page, 'EXPERT-ON-IT');
      assertInExpert(log.of(scenarios.command)[0], 'the Investigate with Copilot request');
    });
  });
}

/** Every tool result in a request, read_file's included (the log's toolResults leaves those out). */
function toolResultsOf(request: ModelRequest | undefined): string[] {
  return (request?.messages ?? []).flatMap((m) => m.parts.flatMap((p) => (p.type === 'toolResult' ? [p.text] : [])));
}

function textOf(request: ModelRequest, role: 'system' | 'user'): string {
  return request.messages.filter((m) => m.role === role).flatMap((m) => m.parts.map((p) => ('text' in p ? p.text : ''))).join('\n');
}
