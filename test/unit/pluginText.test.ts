import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pluginAgent } from '../../scripts/plugin/frontMatter';
import { pluginText } from '../../scripts/plugin/hostText';

const chat = join(__dirname, '..', '..', 'media', 'chat');
const agent = readFileSync(join(chat, 'pagerduty-incident-expert.agent.md'), 'utf8');
const skill = readFileSync(join(chat, 'skills', 'pagerduty-incident-management', 'SKILL.md'), 'utf8');
const extension = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { publisher: string; name: string };
/** What package:plugin makes of a file: the agent through its front matter too, the others as text. */
const asPlugin = (kind: 'agent' | 'skill', text: string, file: string) => (kind === 'agent' ? pluginAgent(text, file, extension) : pluginText(kind, text, file));

describe('the agent plugin\'s text (scripts/plugin/hostText.ts)', () => {
  it('rewrites the VS Code lines of the agent and skill for plugin hosts: environment, not settings or Sign In', () => {
    for (const [kind, text] of [['agent', agent], ['skill', skill]] as const) {
      const out = asPlugin(kind, text, kind);
      assert.doesNotMatch(out, /VS Code|Sign In|`pagerduty\.(region|apiBaseUrl|enableWriteTools|toolsets|allowedTools)`/);
      assert.match(out, /`PAGERDUTY_USER_API_KEY`/);
      assert.match(out, /`PAGERDUTY_ENABLE_WRITE_TOOLS/);
      assert.equal(out.split('\n## ').length, text.split('\n## ').length, 'the sections are all kept');
    }
    assert.match(pluginText('skill', skill, 'skill'), /`pagerduty-<tool>` in Copilot CLI and `mcp__pagerduty__<tool>` in Claude Code/);
  });

  it('rewrites the extension\'s own commit tool, which plugin hosts lack, and fails on any mention left', () => {
    assert.ok(agent.includes(`${extension.publisher}.${extension.name}/pagerduty_commit`), 'the extension\'s agent lists its own tool');
    assert.doesNotMatch(asPlugin('agent', agent, 'agent'), /pagerduty_commit/, 'the plugin\'s agent neither lists nor names it');
    const prompt = '5. `list_incident_change_events`; look up each likely change\'s commit with `pagerduty_commit`, and search the code.\n';
    assert.equal(pluginText('prompt', prompt, 'p'), '5. `list_incident_change_events`; name each likely change\'s commit, and search the code for it.\n');
    assert.throws(() => pluginText('prompt', 'Call `pagerduty_commit` with the sha.\n', 'p.md'), /p\.md: VS Code wording left .*\n {2}line 1: Call `pagerduty_commit`/);
  });

  it('matches a phrase however the source wraps it', () => {
    const rewrapped = agent.replace('You are the PagerDuty Incident Expert inside VS Code.', 'You are the PagerDuty Incident Expert inside\nVS Code.');
    assert.match(asPlugin('agent', rewrapped, 'agent'), /^You are the PagerDuty Incident Expert\. /m);
  });

  it('fails the build, naming the phrase or line, when media/chat/ changes under it', () => {
    const reworded = agent.replace('VS Code also asks for confirmation', 'VS Code asks as well');
    assert.throws(() => asPlugin('agent', reworded, 'the agent file'), /the agent file: the phrase "VS Code also asks for confirmation; .*" is gone; update scripts\/plugin\/hostText\.ts/);
    const added = `${skill}\nAfter a 401, run **PagerDuty: Sign Out** in VS Code.\n`;
    assert.throws(() => pluginText('skill', added, 'SKILL.md'), /SKILL\.md: VS Code wording left .*\n {2}line \d+: After a 401, run \*\*PagerDuty: Sign Out\*\* in VS Code\./);
  });
});
