// The custom agent, the skill and the prompt files package.json contributes: they exist, their front matter parses
// with only keys VS Code 1.139 reads, they fit its limits, and every tool and argument they name exists in our server,
// so renaming a tool or an argument breaks this test instead of the agent.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EXPERT_AGENT } from '../../src/contributions';
import { HOSTED_FORM, HOSTED_NAMES, HOSTED_TOOLS } from '../../src/mcp/hosted/table';
import { investigateIncidentText } from '../../src/mcp/investigatePrompt';
import { ALL_TOOLS } from '../../src/mcp/tools';
import { TOOLSETS } from '../../src/mcp/tools/toolsets';
import { BUILT_IN_TOOLS, chatContributions, COMMAND_RUNNING_TOOL, contributedPaths, EXTENSION_TOOLS, parseChatFile, pagerDutyToolsOf, readChatFiles, ROOT, type ChatFile } from '../support/chatFiles';

const { agent, skill, prompts } = chatContributions();
const TOOLS = new Map(ALL_TOOLS.map((t) => [t.name, t]));
// What the texts may name: our server's tools and this extension's language-model tools, each with its arguments.
const LM_TOOLS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.languageModelTools ?? []) as { name: string; inputSchema: { properties: object } }[];
// The hosted tools (pagerduty.toolSurface "hosted") take `request` with `action` and their actions' fields; the hosted
// manage_incidents shares its name with the classic tool, so it takes both tools' arguments.
const HOSTED_INPUT = HOSTED_TOOLS.map((t) => [t.name, Object.fromEntries(['request', 'action', ...t.actions.flatMap((a) => a.fields.split(' ').filter(Boolean))].map((f) => [f, true]))] as const);
const NAMED = new Map<string, { input: object }>([...TOOLS, ...LM_TOOLS.map((t) => [t.name, { input: t.inputSchema.properties }] as const)]);
for (const [name, input] of HOSTED_INPUT) NAMED.set(name, { input: { ...NAMED.get(name)?.input, ...input } });

// Front-matter keys the 1.139 workbench's prompt parser knows (its attribute enum); anything else is ignored silently.
const KNOWN_KEYS = new Set(['name', 'description', 'agent', 'mode', 'model', 'reasoning-effort', 'applyTo', 'paths', 'tools', 'handoffs', 'advancedOptions',
  'argument-hint', 'excludeAgent', 'target', 'infer', 'license', 'compatibility', 'metadata', 'agents', 'user-invocable', 'disable-model-invocation', 'hooks', 'context']);
// What the agent may use besides PagerDuty: search the workspace, read files and skills, look a commit up.
const BUILT_INS = new Set(Object.keys(BUILT_IN_TOOLS));
// VS Code sends at most 128 tools in one request.
const MAX_TOOLS = 128;
// Output fields the texts may name besides tools, arguments and toolsets.
const OUTPUT_FIELDS = new Set(['more', 'total', 'next_offset']);

describe('chat contributions: files and front matter', () => {
  it('package.json contributes the agent, the skill and five prompt files, each inside media/ (so in the .vsix)', () => {
    const paths = contributedPaths();
    assert.equal(paths.chatAgents.length, 1);
    assert.equal(paths.chatSkills.length, 1);
    assert.ok(paths.chatPromptFiles.length >= 5, 'triage, investigate, on-call, hand-off, post-incident');
    const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(ignore.includes('!media/**'), '.vscodeignore must let media/ into the package');
    for (const p of Object.values(paths).flat()) {
      const resolved = path.resolve(ROOT, p);
      assert.ok(resolved.startsWith(path.join(ROOT, 'media') + path.sep), `${p} must be under media/ (VS Code refuses paths outside the extension)`);
    }
    assert.equal(readChatFiles().length, Object.values(paths).flat().length, 'every contributed file exists and parses');
  });

  it('every file uses only front-matter keys VS Code reads, and the kind-specific file name', () => {
    for (const f of readChatFiles()) {
      for (const key of Object.keys(f.header)) assert.ok(KNOWN_KEYS.has(key), `${f.path}: unknown front-matter key "${key}"`);
      assert.equal(typeof f.header.description, 'string', `${f.path}: description`);
      assert.ok((f.header.description as string).trim().length > 0);
      assert.ok(f.body.trim().length > 200, `${f.path}: the body holds the instructions`);
    }
    assert.match(agent.path, /\.agent\.md$/);
    assert.match(skill.path, /\/SKILL\.md$/);
    for (const p of prompts) assert.match(p.path, /\.prompt\.md$/);
  });

  it('the parser rejects what VS Code would not read as front matter', () => {
    assert.throws(() => parseChatFile('name: x\n---\nbody'), /no front matter/);
    assert.throws(() => parseChatFile('---\nname: x\nbody'), /not closed/);
    assert.throws(() => parseChatFile('---\n- a\n- b\n---\nbody'), /key: value/);
    assert.throws(() => parseChatFile('---\nname: [unclosed\n---\n'));
  });
});

describe('chat contributions: the Incident Expert agent', () => {
  it('is named as src/contributions.ts says (Investigate with Copilot opens it by this name)', () => {
    assert.equal(agent.header.name, EXPERT_AGENT);
  });

  it('lists only tools of our server (pagerduty/<tool>) and the few built-ins an investigation needs', () => {
    const tools = agent.header.tools as string[];
    assert.ok(Array.isArray(tools) && tools.length > 0 && tools.length <= MAX_TOOLS);
    assert.equal(new Set(tools).size, tools.length, 'no duplicates');
    assert.ok(!tools.includes('pagerduty/*'), 'name tools one by one, so a renamed tool fails here');
    for (const entry of tools) {
      if (entry.startsWith('pagerduty/')) assert.ok(TOOLS.has(entry.slice('pagerduty/'.length)) || HOSTED_NAMES.has(entry.slice('pagerduty/'.length)), `${entry}: no such tool in our server, classic or hosted`);
      else assert.ok(BUILT_INS.has(entry), `${entry}: not one of the allowed built-ins`);
    }
    assert.ok(tools.includes('read/readFile') && tools.includes('read/skill'), 'VS Code offers skills only to agents that can read files or load skills');
  });

  it('has no terminal or other command-running tool; git only through the extension tools with fixed git arguments (pagerduty_commit: a hash; pagerduty_incidents_for_code: file paths)', () => {
    const tools = agent.header.tools as string[];
    assert.deepEqual(tools.filter((t) => COMMAND_RUNNING_TOOL.test(t)), [], 'PagerDuty text the agent reads is written by anyone with an integration key');
    assert.deepEqual(Object.entries(BUILT_IN_TOOLS).filter(([ref, name]) => COMMAND_RUNNING_TOOL.test(ref) || COMMAND_RUNNING_TOOL.test(name)), []);
    assert.deepEqual(tools.filter((t) => EXTENSION_TOOLS[t]).map((t) => EXTENSION_TOOLS[t]), ['pagerduty_commit', 'pagerduty_incidents_for_code']);
    assert.ok(!tools.some((t) => t.endsWith('/*') || !t.includes('/')), 'no whole toolset (execute, vscode, agent…) that could bring a terminal or a sub-agent with one');
  });

  it('no chat file tells the model to run a command: no git command lines, and the terminal only as what it has not', () => {
    for (const f of readChatFiles()) {
      assert.doesNotMatch(f.body, /`git [a-z]/, `${f.path}: commits go through pagerduty_commit`);
      for (const sentence of f.body.split(/(?<=[.:])\s/).filter((x) => /terminal/i.test(x))) {
        assert.match(sentence, /\b(no|not|never)\b/i, `${f.path}: "${sentence.trim()}"`);
      }
    }
  });

  it('has every read tool of the investigation and can act on incidents once writes are on', () => {
    const listed = new Set(pagerDutyToolsOf(agent));
    const investigation = investigationTools();
    assert.ok(investigation.length >= 8);
    for (const name of investigation) assert.ok(listed.has(name), `"Investigate with Copilot" names ${name}, which the agent lacks`);
    for (const name of ['manage_incidents', 'add_note_to_incident', 'add_responders']) assert.ok(listed.has(name), name);
    for (const name of listed) {
      const tool = TOOLS.get(name);
      if (!tool) continue;
      if (!tool.annotations.readOnlyHint) assert.equal(tool.toolset, 'incidents', `${name}: the agent's writes are incident response, not configuration`);
    }
  });

  it('lists both tool surfaces: each classic tool that is a hosted action beside its hosted tool, and no hosted tool it has no classic tool for', () => {
    const listed = pagerDutyToolsOf(agent);
    // VS Code offers the agent only the listed names the server publishes, so in hosted mode these are what it has.
    const needed = new Set(listed.flatMap((name) => HOSTED_FORM.get(name)?.tool ?? []));
    const hosted = listed.filter((name) => HOSTED_NAMES.has(name));
    assert.deepEqual(hosted.sort(), [...needed].sort());
    for (const name of investigationTools()) {
      const form = HOSTED_FORM.get(name);
      if (form) assert.ok(hosted.includes(form.tool), `in hosted mode the investigation's ${name} is ${form.tool}, which the agent lacks`);
    }
  });

  it('hands off to the default agent to write the fix', () => {
    const handoffs = agent.header.handoffs as { agent?: string; label?: string; prompt?: string; send?: boolean }[];
    assert.ok(Array.isArray(handoffs) && handoffs.length > 0);
    for (const h of handoffs) {
      // VS Code drops a handoff without agent, a non-blank label or a prompt.
      assert.equal(typeof h.agent, 'string');
      assert.ok(h.label?.trim());
      assert.equal(typeof h.prompt, 'string');
      assert.notEqual(h.send, true, 'the engineer reviews the prompt before it goes');
    }
    assert.ok(handoffs.some((h) => h.agent === 'agent'));
  });
});

describe('chat contributions: the skill', () => {
  it('fits VS Code\'s skill limits: name = folder, 1-64 lowercase letters, digits and hyphens; description ≤ 1024, no tags', () => {
    const name = skill.header.name as string;
    assert.equal(name, path.basename(path.dirname(skill.file)), 'VS Code uses the folder name when they differ');
    assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(name.length <= 64);
    const description = skill.header.description as string;
    assert.ok(description.length <= 1024, `description is ${description.length} characters; VS Code cuts at 1024`);
    assert.doesNotMatch(description, /<[^>]+>/, 'VS Code strips XML tags from a skill description');
    assert.equal(name, 'pagerduty-incident-management');
  });

  it('keeps the body within the size VS Code recommends for a skill (under 500 lines) and has no stray files', () => {
    assert.ok(skill.body.split('\n').length < 500);
    assert.deepEqual(readdirSync(path.dirname(skill.file)), ['SKILL.md'], 'supporting files must be referenced from SKILL.md');
  });

  it('has the investigation workflow as ten steps and the troubleshooting table', () => {
    const investigation = section(skill.body, 'Investigating an incident');
    assert.deepEqual([...investigation.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.ok(troubleshootingQuotes().length >= 8);
  });

  it('the troubleshooting table and the agent quote error texts our code really produces', () => {
    const sources = ['src/pagerduty/errors.ts', 'src/pagerduty/client.ts', 'src/mcp/registry.ts', 'src/mcp/tools/ask.ts']
      .map((p) => readFileSync(path.join(ROOT, p), 'utf8')).join('\n');
    // Each line of the agent's list starts with the quoted text in bold: - **"…"** (or **"…"**) — what it means.
    const agentQuotes = [...section(agent.body, 'When a tool fails').matchAll(/^- \*\*"([^"]+)"\*\*(?: or \*\*"([^"]+)"\*\*)?/gm)].flatMap((m) => m.slice(1).filter((q): q is string => !!q));
    assert.ok(agentQuotes.length >= 5);
    for (const quote of [...troubleshootingQuotes(), ...agentQuotes]) {
      for (const fragment of quote.split('…').map((s) => s.trim()).filter(Boolean)) {
        assert.ok(sources.includes(fragment), `"${fragment}" is not an error text of ours`);
      }
    }
  });
});

describe('chat contributions: the skill on the hosted tool surface', () => {
  it('maps each classic tool to the hosted tool and action src/mcp/hosted/table.ts runs it as', () => {
    const rows = hostedTableRows(skill.body);
    assert.ok(rows.length >= 20);
    for (const { hosted, action, contextType, classic } of rows) {
      const form = HOSTED_FORM.get(classic);
      assert.ok(form, `${classic}: not an action of any hosted tool`);
      assert.deepEqual({ hosted, action, contextType }, { hosted: form.tool, action: form.row.action, contextType: form.row.when?.value }, classic);
    }
  });

  it('covers every twin the agent lists and the investigation names', () => {
    const mapped = new Set(hostedTableRows(skill.body).map((r) => r.classic));
    for (const name of [...pagerDutyToolsOf(agent), ...investigationTools(), ...skillTools(section(skill.body, 'Investigating an incident'))]) {
      if (HOSTED_FORM.has(name)) assert.ok(mapped.has(name), `${name} has no row in the skill's hosted table`);
    }
  });

  it('the table check catches a wrong action', () => {
    const wrong = hostedTableRows('## Hosted tool surface\n| `browse_incidents` | `"get"` (`list_incidents`) |\n');
    assert.deepEqual(wrong, [{ hosted: 'browse_incidents', action: 'get', contextType: undefined, classic: 'list_incidents' }]);
    assert.notEqual(HOSTED_FORM.get('list_incidents')!.row.action, 'get');
  });
});

describe('chat contributions: the prompt files', () => {
  it('have unique slash-command names (the file name) and run in the Incident Expert agent', () => {
    const names = prompts.map((p) => p.header.name as string);
    assert.equal(new Set(names).size, names.length);
    for (const p of prompts) {
      assert.equal(p.header.name, path.basename(p.file, '.prompt.md'), `${p.path}: name and file name agree`);
      assert.match(p.header.name as string, /^[a-z0-9-]+$/, 'usable after / in the chat input');
      assert.equal(p.header.agent, EXPERT_AGENT, `${p.path}: runs with the agent's tools and instructions`);
      assert.equal(p.header.tools, undefined, `${p.path}: inherits the agent's tools`);
    }
  });

  it('say how to pass each ${input:…} variable, in argument-hint', () => {
    const withInput = prompts.filter((p) => /\$\{input:/.test(p.body));
    assert.ok(withInput.some((p) => /\$\{input:incident\}/.test(p.body)), 'investigate takes ${input:incident}');
    for (const p of withInput) {
      for (const [, variable] of p.body.matchAll(/\$\{input:([A-Za-z_]\w*)(?::[^}]*)?\}/g)) {
        assert.match(String(p.header['argument-hint']), new RegExp(`\\b${variable}=`), `${p.path}: argument-hint shows ${variable}=…`);
      }
    }
  });
});

describe('chat contributions: every tool and argument named exists in our server', () => {
  for (const f of readChatFiles()) {
    it(`${f.path}`, () => {
      const problems = namingProblems(f);
      assert.deepEqual(problems, []);
    });
  }

  it('the check catches a renamed tool and an argument of another tool', () => {
    const fake = (body: string): ChatFile => ({ ...agent, body });
    assert.deepEqual(namingProblems(fake('- `list_incident` with `scope: "all"`')), ['`list_incident`: no such tool, argument, toolset or field']);
    assert.deepEqual(namingProblems(fake('- `get_incident` with `service_id`')), ['`service_id`: not an argument of get_incident']);
    assert.deepEqual(namingProblems(fake('- `list_oncalls` with `escalation_policy_ids` and `since`')), []);
  });
});

/**
 * Backticked snake_case names in the body (and `name: value` pairs) must be tools, or arguments of a tool named in
 * the same list item or table row, or (in an item naming no tool) an argument of any tool, a toolset id or an
 * output field. Values are written quoted (`scope: "assigned"`), so they are not taken for names.
 */
function namingProblems(f: ChatFile): string[] {
  const args = new Set([...NAMED.values()].flatMap((t) => Object.keys(t.input)));
  const problems: string[] = [];
  for (const item of items(f.body)) {
    const names = [...item.matchAll(/`([a-z][a-z0-9_]*)(?::[^`]*)?`/g)].map((m) => m[1]!);
    const tools = names.filter((n) => NAMED.has(n));
    for (const name of names) {
      if (NAMED.has(name) || OUTPUT_FIELDS.has(name) || (TOOLSETS as readonly string[]).includes(name)) continue;
      if (tools.length > 0) {
        if (!tools.some((t) => name in NAMED.get(t)!.input)) problems.push(`\`${name}\`: not an argument of ${tools.join(', ')}`);
      } else if (!args.has(name)) {
        problems.push(`\`${name}\`: no such tool, argument, toolset or field`);
      }
    }
  }
  return problems;
}

/** The classic tools "Investigate with Copilot" names. */
function investigationTools(): string[] {
  return skillTools(investigateIncidentText('Q1', () => true));
}

/** Classic tool names in a text. */
function skillTools(text: string): string[] {
  return [...text.matchAll(/\b([a-z]+(?:_[a-z]+)+)\b/g)].map((m) => m[1]!).filter((n) => TOOLS.has(n));
}

/** The skill's hosted table: per row, the hosted tool, then each `"action"` (`context_type: "…"`)? (`classic_tool`…). */
function hostedTableRows(body: string) {
  return [...section(body, 'Hosted tool surface').matchAll(/^\| `([a-z_]+)` \|(.*)\|$/gm)].flatMap(([, hosted, cells]) =>
    [...cells!.matchAll(/`"(\w+)"`(?: `context_type: "(\w+)"`)? \(`(\w+)`[^)]*\)/g)].map(([, action, contextType, classic]) => ({ hosted: hosted!, action: action!, contextType, classic: classic! })));
}

/** List items (with their continuation lines), table rows and paragraphs of a Markdown body. */
function items(body: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of body.split('\n')) {
    const starts = /^\s*([-*]|\d+\.) /.test(line) || line.startsWith('|') || line.trim() === '' || line.startsWith('#');
    if (starts && current) {
      out.push(current);
      current = '';
    }
    current += `${line}\n`;
  }
  if (current) out.push(current);
  return out;
}

/** The text under a `## heading` up to the next one. */
function section(body: string, heading: string): string {
  const start = body.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `no "## ${heading}" section`);
  const next = body.indexOf('\n## ', start + 3);
  return body.slice(start, next < 0 ? undefined : next);
}

/** The quoted texts in the first column of the skill's troubleshooting table. */
function troubleshootingQuotes(): string[] {
  return [...section(skill.body, 'Troubleshooting').matchAll(/^\| "([^"]+)" \|/gm)].map((m) => m[1]!);
}
