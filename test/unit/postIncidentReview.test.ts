// The post-incident review document: built from the page's tool results against the simulator (its code incidents),
// PagerDuty text escaped for Markdown in one place, frames as relative links, times in the engineer's zone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeMarkdown, markdownLink, quoteMarkdown } from '../../src/model/markdown';
import { commitWindow, COMMITS_BEFORE_MS, reviewMarkdown, reviewPath } from '../../src/model/postIncidentReview';
import { createToolbox, createClient } from '../../src/mcp/server';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { parseIncidentRef } from '../../src/model/incidentRef';
import { pagerDutyApi, type PagerDutyApi } from '../../src/model/pagerdutyApi';
import { startSimulator, type Simulator } from '../simulator/index';
import { CODE_SERVICE } from '../simulator/seed/codeIncidents';

const HOSTILE = 'Pwn [click](https://evil.example) ![img](https://evil.example/x.png) <img src=x onerror=alert(1)> `code` | cell\n# heading';

describe('Markdown escaping (one place)', () => {
  it('lets no link, image, HTML, code span, table cell or new line out of PagerDuty text', () => {
    const out = escapeMarkdown(HOSTILE);
    assert.doesNotMatch(out, /(?<!\\)\]\(|(?<!\\)<img|(?<!\\)`|(?<!\\)\||\n|(?<!\\)!\[/);
    assert.equal(out.replace(/\\(.)/g, '$1'), HOSTILE.replace('\n', ' '), 'the text itself is all still there');
    assert.doesNotMatch(escapeMarkdown('see https://evil.example and www.evil.example'), /https:\/\/|www\.evil/, 'no autolink either');
  });

  it('quotes several lines without leaving the quote, and links only targets we made', () => {
    assert.equal(quoteMarkdown('a\n> b\n\n# c'), '> a\n> \\> b\n> \n> \\# c');
    assert.equal(markdownLink('src/x (1).ts:3 [x]', '../../src/x (1).ts#L3'), '[src/x \\(1\\)\\.ts\\:3 \\[x\\]](../../src/x%20%281%29.ts#L3)');
  });
});

describe('the review document', () => {
  let sim: Simulator;
  let api: PagerDutyApi;
  before(async () => {
    sim = await startSimulator({ codeIncidents: true });
    const toolbox = createToolbox({ enableWrites: true, toolsets: [...TOOLSETS], structuredOutput: true });
    const client = createClient({ token: sim.tokens.user, region: 'us', apiHost: sim.url } as never)!;
    api = pagerDutyApi((name, args) => toolbox.call(name, args, { client, signal: new AbortController().signal, now: () => new Date() }));
  });
  after(() => sim.close());

  const incidentOf = (status: string) => [...sim.state.incidents.values()].find((i) => i.serviceId === CODE_SERVICE.id && i.status === status)!;

  it('holds the facts, the timeline in the engineer\'s zone, frames as links into the repository, notes, changes, commits and responders', async () => {
    const resolved = incidentOf('resolved');
    resolved.title = HOSTILE; // a title anyone with an integration key could have sent
    sim.state.notes.get(resolved.id)![0]!.content = `Fixed.\n${HOSTILE}`;
    const results = await api.incidents.page(parseIncidentRef(resolved.id)!);
    const now = Date.now();
    const doc = { folder: 'payments', path: reviewPath({ ...resolved }, now, 'Asia/Kolkata') };
    const md = reviewMarkdown({
      results,
      now,
      timeZone: 'Asia/Kolkata',
      doc,
      fileOf: (ref) => (ref.path.endsWith('Gateway.java') ? { folder: 'payments', path: 'src/main/java/com/acme/payments/Gateway.java' } : ref.path.endsWith('invoice.rb') ? { folder: 'other', path: 'app/models/invoice.rb' } : undefined),
      commits: [{ hash: 'a'.repeat(40), author: 'Dev <b>', date: resolved.created_at, subject: 'Raise [timeout](x)' }],
      window: commitWindow(results, now),
    });
    assert.match(doc.path, new RegExp(`^docs/postmortems/\\d{4}-\\d\\d-\\d\\d-${resolved.number}-pwn-click-https-evil-example-img-https-evil-exampl\\.md$`));
    const created = new Date(resolved.created_at);
    const kolkata = new Date(created.getTime() + 5.5 * 3600_000).toISOString();
    assert.ok(md.includes(`| ${kolkata.slice(0, 10)} ${kolkata.slice(11, 16)} | Triggered through the API\\. |`), 'the timeline is in the engineer\'s zone');
    assert.ok(md.includes('[src/main/java/com/acme/payments/Gateway\\.java\\:9](../../src/main/java/com/acme/payments/Gateway.java#L9) (com\\.acme\\.payments\\.Gateway\\.capture)'), md);
    assert.ok(md.includes('/app/app/models/invoice\\.rb\\:6 (Invoice#total) — other: app/models/invoice\\.rb'.replace('#', '\\#')), 'a frame of another folder stays text, naming it');
    for (const heading of ['## Summary', '## Impact', '## Timeline (Asia/Kolkata)', '## Alerts', '## Notes', '## Change events', '## Commits in the workspace', '## Responders', '## Root cause', '## Action items']) {
      assert.ok(md.includes(heading), heading);
    }
    assert.match(md, /- \*\*Duration:\*\* 1 h 35 min/);
    assert.ok(md.includes(`\`${'a'.repeat(12)}\``) && md.includes('Raise \\[timeout\\]\\(x\\)') && md.includes('Dev \\<b\\>'));
    assert.ok(md.includes(`- ${sim.me.name.replace(/[.-]/g, (c) => `\\${c}`)}`), 'responders');
    // Nothing PagerDuty wrote became a link, an image or HTML.
    assert.doesNotMatch(md, /(?<!\\)\]\(https:\/\/evil|(?<!\\)<img|(?<!\\)!\[/);
    assert.ok(!md.split('\n').some((l) => /^# heading/.test(l)), 'a title cannot start a heading of its own');
  });

  it('lists the commits of the two hours before the first alert until resolution', async () => {
    const open = incidentOf('triggered');
    const results = await api.incidents.page(parseIncidentRef(open.id)!);
    const now = Date.now();
    const w = commitWindow(results, now);
    const firstAlert = Math.min(...sim.state.alerts.get(open.id)!.map((a) => Date.parse(a.created_at)));
    assert.equal(Date.parse(w.since), firstAlert - COMMITS_BEFORE_MS);
    assert.equal(w.until, new Date(now).toISOString(), 'still open: until now');
    const md = reviewMarkdown({ results, now, timeZone: 'UTC', doc: { folder: 'f', path: 'docs/postmortems/x.md' }, fileOf: () => undefined, commits: { unavailable: 'git is not installed, so no commits are listed.' }, window: w });
    assert.match(md, /- \*\*Resolved:\*\* not yet/);
    assert.match(md, /so far \(not resolved\)/);
    assert.ok(md.includes('_git is not installed, so no commits are listed\\._'));
  });
});
