import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallResult } from '../../src/mcp/registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../src/mcp/tools';
import { Toolbox } from '../../src/mcp/registry';
import { formatOnly } from '../../src/model/translate';
import { incidentRefFromUriPath, investigateRequest } from '../../src/views/incidentPage/investigate';
import { parsePageMessage } from '../../src/model/incidentPage/protocol';
import { buildIncidentView, commitsOf, detailRows, incidentRowView, type IncidentView } from '../../src/model/incidentPage/viewModel';
import { type IncidentSummary, incidentLine } from '../../src/mcp/shape/incident';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const ok = (structuredContent: Record<string, unknown>): CallResult => ({ content: [{ type: 'text', text: 'ok' }], structuredContent });
const failed = (text: string): CallResult => ({ content: [{ type: 'text', text }], isError: true });

const incident = {
  id: 'Q1ABC23',
  number: 1056,
  title: '<img src=x onerror=alert(1)> Disk full',
  status: 'acknowledged',
  urgency: 'high',
  priority: { id: 'P1', name: 'P1' },
  service: { id: 'S1', name: 'checkout-api' },
  escalation_policy: { id: 'E1', name: 'Checkout on-call' },
  teams: [{ id: 'T1', name: 'Payments' }],
  assignees: [{ id: 'U1', name: 'Ada' }, { id: 'U2', name: 'Linus' }],
  created_at: '2026-11-25T07:55:00Z',
  last_status_change_at: '2026-11-25T09:30:00Z',
  html_url: 'https://acme.pagerduty.com/incidents/Q1ABC23',
};

function view(overrides: Partial<Parameters<typeof buildIncidentView>[0]> = {}): IncidentView {
  const built = buildIncidentView(
    {
      incident: ok({ incident }),
      alerts: ok({ alerts: [{ id: 'A1', summary: '<script>x()</script>', severity: 'critical', status: 'triggered', created_at: '2026-11-25T07:55:00Z', html_url: 'javascript:alert(1)', details: JSON.stringify({ host: 'db-01', disk: { used: 99 } }) }] }),
      notes: ok({ notes: [{ content: 'Rolled back <b>v2</b>', created_at: '2026-11-25T08:10:00Z', user: { id: 'U1', name: 'Ada' } }] }),
      log: ok({
        log_entries: [
          { id: 'L1', type: 'trigger_log_entry', summary: 'Triggered via API', created_at: '2026-11-25T07:55:00Z', agent: { id: 'S1', name: 'checkout-api' }, channel: 'api' },
          { id: 'L2', type: 'escalate_log_entry', summary: 'Escalated to level 2 by Ada.', created_at: '2026-11-25T08:05:00Z' },
          { id: 'L3', type: 'notify_log_entry', summary: 'Notified Linus by SMS', created_at: '2026-11-25T08:06:00Z' },
          { id: 'L4', type: 'weird_log_entry', summary: '?', created_at: '2026-11-25T08:07:00Z' },
        ],
      }),
      related: ok({ related_incidents: [{ id: 'Q2', title: 'Checkout latency', relationships: ['machine_learning_inferred'] }] }),
      past: ok({ past_incidents: [{ id: 'Q3', title: 'Disk full', score: 0.9123 }] }),
      outlier: ok({ outlier_incident: { category: 'frequent', count: 12 } }),
      changes: failed('list_incident_change_events failed: Forbidden (403): your plan lacks change correlation'),
      ...overrides,
    },
    NOW,
    formatOnly,
  );
  assert.ok(!('error' in built), 'built a view');
  return built as IncidentView;
}

describe('incident page view model', () => {
  it('shows the conference bridge (a safe link only) and the integration each alert came through', () => {
    const bridged = view({
      incident: ok({ incident: { ...incident, conference_bridge: { number: '+1 555 0100,,123#', url: 'https://meet.example.com/inc-1056' } } }),
      alerts: ok({ alerts: [{ id: 'A1', summary: 'CPU', severity: 'error', status: 'triggered', integration: { id: 'I1', name: 'Datadog' }, details: {} }] }),
    });
    const fact = bridged.facts.find((f) => f.label === 'Conference bridge');
    assert.equal(fact?.value, '+1 555 0100,,123# · https://meet.example.com/inc-1056');
    assert.equal(fact?.url, 'https://meet.example.com/inc-1056');
    assert.equal(bridged.alerts.items[0]?.source, 'Datadog');
    const unsafe = view({ incident: ok({ incident: { ...incident, conference_bridge: { url: 'javascript:alert(1)' } } }) });
    assert.equal(unsafe.facts.find((f) => f.label === 'Conference bridge')?.url, undefined, 'no link for a non-http(s) bridge');
    assert.equal(view().facts.find((f) => f.label === 'Conference bridge'), undefined, 'no row without a bridge');
    assert.equal(view().alerts.items[0]?.source, undefined);
  });

  it('header: number, title as text, facts with escalation level from the log, ages, safe link', () => {
    const v = view();
    assert.equal(v.number, 1056);
    assert.equal(v.title, incident.title, 'kept verbatim: the page renders it as text');
    assert.equal(v.url, incident.html_url);
    const fact = (label: string) => v.facts.find((f) => f.label === label)?.value;
    assert.equal(fact('Escalation policy'), 'Checkout on-call (level 2)');
    assert.equal(fact('Assigned to'), 'Ada, Linus');
    assert.equal(fact('Teams'), 'Payments');
    assert.equal(fact('Created'), '2h 5m ago');
    assert.equal(fact('Last change'), '30m ago');
  });

  it('actions follow the status: acknowledged can be snoozed and resolved, not acknowledged again; status updates always', () => {
    const enabled = (v: IncidentView) => v.actions.filter((a) => a.enabled).map((a) => a.action);
    const acked = enabled(view());
    assert.ok(acked.includes('snooze') && acked.includes('resolve') && !acked.includes('acknowledge'));
    const triggered = view({ incident: ok({ incident: { ...incident, status: 'triggered' } }) });
    assert.ok(enabled(triggered).includes('acknowledge') && !enabled(triggered).includes('snooze'));
    assert.equal(triggered.actions.find((a) => a.primary)?.action, 'acknowledge');
    const resolved = enabled(view({ incident: ok({ incident: { ...incident, status: 'resolved' } }) }));
    // A status update can still go out after resolving (the closing summary to stakeholders).
    assert.deepEqual(resolved, ['statusUpdate', 'investigate', 'openInPagerDuty', 'refresh']);
    assert.ok(acked.includes('statusUpdate') && enabled(triggered).includes('statusUpdate'));
    assert.equal(view().actions.find((a) => a.action === 'statusUpdate')?.label, 'Send Status Update…');
    const noLink = view({ incident: ok({ incident: { ...incident, html_url: 'javascript:alert(1)' } }) });
    assert.equal(noLink.url, undefined);
    assert.equal(noLink.actions.find((a) => a.action === 'openInPagerDuty')?.enabled, false);
  });

  it('alerts: details as key/value rows, unsafe links dropped, text untouched', () => {
    const [alert] = view().alerts.items;
    assert.equal(alert!.summary, '<script>x()</script>');
    assert.equal(alert!.url, undefined, 'javascript: link not offered');
    assert.deepEqual(alert!.details, [{ key: 'host', value: 'db-01' }, { key: 'disk', value: '{"used":99}' }]);
  });

  it('notes, timeline with icons, related/past/outlier; a failed section carries the tool\'s reason', () => {
    const v = view();
    assert.deepEqual(v.notes.items, [{ author: 'Ada', createdAt: '2026-11-25T08:10:00Z', content: 'Rolled back <b>v2</b>' }]);
    assert.deepEqual(v.timeline.items.map((e) => [e.icon, e.kind]), [['bell', 'trigger'], ['arrow-up', 'escalate'], ['mail', 'notify'], ['circle-small', 'weird']]);
    assert.equal(v.timeline.items[0]!.by, 'checkout-api');
    assert.deepEqual(v.related.items, [{ id: 'Q2', text: 'Checkout latency', name: 'Checkout latency', detail: 'machine learning inferred' }]);
    assert.equal(v.past.items[0]!.detail, 'similarity 0.91');
    assert.equal(v.outlier, 'frequent for this service (12 occurrences)');
    assert.match(v.changes.error!, /Forbidden \(403\)/);
    assert.deepEqual(v.changes.items, []);
  });

  it('names say which one: the alert an Open link opens, the change a link belongs to, the incident by number or date', () => {
    const v = view({
      alerts: ok({ alerts: [1, 2].map((n) => ({ id: `A${n}`, summary: `Disk ${n} full`, severity: 'critical', status: 'triggered', html_url: `https://acme.pagerduty.com/alerts/A${n}` })) }),
      changes: ok({ change_events: [1, 2].map((n) => ({ id: `C${n}`, summary: `Deploy v2.${n}`, timestamp: null, links: [{ href: `https://ci.example.com/${n}`, text: 'Release notes' }] })) }),
      related: ok({ related_incidents: [{ id: 'Q2', number: 1061, title: 'Checkout latency' }, { id: 'Q4', number: 1062, title: 'Checkout latency' }] }),
      past: ok({ past_incidents: [{ id: 'Q3', title: 'Disk full', created_at: '2026-10-02T08:00:00Z' }, { id: 'Q5', title: 'Disk full', created_at: '2026-09-14T08:00:00Z' }] }),
    });
    assert.deepEqual(v.alerts.items.map((a) => a.openName), ['Open in PagerDuty: alert Disk 1 full', 'Open in PagerDuty: alert Disk 2 full']);
    assert.deepEqual(v.changes.items.map((c) => c.links[0]!.name), ['Release notes for Deploy v2.1', 'Release notes for Deploy v2.2']);
    assert.deepEqual(v.related.items.map((r) => [r.text, r.name]), [['#1061 Checkout latency', '#1061 Checkout latency'], ['#1062 Checkout latency', '#1062 Checkout latency']]);
    assert.deepEqual(v.past.items.map((p) => [p.text, p.name]), [['Disk full', 'Disk full, created 2026-10-02'], ['Disk full', 'Disk full, created 2026-09-14']]);
  });

  it('an incident that cannot be loaded is one error, not a half page', () => {
    assert.deepEqual(buildIncidentView({ incident: failed('get_incident failed: Not Found (404)') }, NOW, formatOnly), { error: 'get_incident failed: Not Found (404)' });
  });

  it('change events: commit hashes from commit links and details, links kept only when http(s)', () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const commits = commitsOf({
      id: 'C1',
      summary: 'deploy',
      timestamp: null,
      links: [{ href: `https://github.com/acme/checkout/commit/${sha}`, text: 'commit' }, { href: 'javascript:alert(1)' }],
      custom_details: JSON.stringify({ previous: '0badc0de1', note: 'deadbeefcafe is not a commit (no digit)', same: sha.slice(0, 8) }),
    });
    assert.deepEqual(commits, [{ sha, url: `https://github.com/acme/checkout/commit/${sha}` }, { sha: '0badc0de1' }]);
    const v = view({ changes: ok({ change_events: [{ id: 'C1', summary: 'deploy', timestamp: '2026-11-25T07:50:00Z', links: [{ href: 'javascript:alert(1)', text: 'x' }, { href: 'https://ci.example.com/1' }] }] }) });
    assert.deepEqual(v.changes.items[0]!.links, [{ href: 'https://ci.example.com/1', text: 'https://ci.example.com/1', name: 'https://ci.example.com/1 for deploy' }]);
  });

  it('detailRows: non-JSON text stays one row', () => {
    assert.deepEqual(detailRows('plain <b>text</b>'), [{ key: '', value: 'plain <b>text</b>' }]);
    assert.deepEqual(detailRows(undefined), []);
  });
});

describe('incident page messages', () => {
  it('accepts only known shapes, safe links and bounded notes', () => {
    assert.deepEqual(parsePageMessage({ type: 'action', action: 'snooze' }), { type: 'action', action: 'snooze' });
    assert.equal(parsePageMessage({ type: 'action', action: 'deleteEverything' }), undefined);
    assert.equal(parsePageMessage({ type: 'action', action: 'snooze', extra: 1 }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'addNote', note: '  hi  ' }), { type: 'addNote', note: 'hi' });
    assert.equal(parsePageMessage({ type: 'addNote', note: '   ' }), undefined);
    assert.equal(parsePageMessage({ type: 'addNote', note: 'x'.repeat(25_001) }), undefined);
    for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://x/y', 'https://']) {
      assert.equal(parsePageMessage({ type: 'openLink', url }), undefined, url);
    }
    assert.deepEqual(parsePageMessage({ type: 'openLink', url: 'https://acme.pagerduty.com/incidents/Q1' }), { type: 'openLink', url: 'https://acme.pagerduty.com/incidents/Q1' });
    assert.equal(parsePageMessage({ type: 'openIncident', id: '../../x' }), undefined);
    assert.equal(parsePageMessage({ type: 'openCommit', sha: 'HEAD; rm -rf /' }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'openCommit', sha: 'abc1234' }), { type: 'openCommit', sha: 'abc1234' });
    assert.equal(parsePageMessage('ready'), undefined);
    assert.equal(parsePageMessage(null), undefined);
  });
});

describe('Investigate with Copilot request and incident links', () => {
  it('is the investigate_incident text with the id and number, naming only tools Copilot has', () => {
    const readOnly = new Toolbox(ALL_TOOLS, { enableWrites: false }, DEFAULT_TOOLSETS);
    const query = investigateRequest({ id: 'Q1ABC23', number: 1056 }, readOnly);
    assert.match(query, /^Investigate PagerDuty incident #1056 \(Q1ABC23\)\./);
    assert.match(query, /get_incident "Q1ABC23"/);
    assert.match(query, /write tools are disabled/);
    assert.match(query, /list_alerts_from_incident/);
    const incidentsOnly = new Toolbox(ALL_TOOLS, { enableWrites: true, allowTools: ['get_incident', 'manage_incidents'] }, DEFAULT_TOOLSETS);
    const narrow = investigateRequest({ id: 'Q1ABC23', number: 1056 }, incidentsOnly);
    assert.doesNotMatch(narrow, /list_alerts_from_incident|list_oncalls/);
    assert.match(narrow, /ask me before changing anything/);
  });

  it('vscode:// links: /incident/<id or number> only', () => {
    assert.equal(incidentRefFromUriPath('/incident/Q1ABC23'), 'Q1ABC23');
    assert.equal(incidentRefFromUriPath('/incident/%231056'), '1056');
    assert.equal(incidentRefFromUriPath('/incident/1056/'), '1056');
    for (const bad of ['/incident/', '/incident/../../etc', '/incidents/1', '/incident/1;rm', '/incident/%E0%A4%A', '/incident/' + 'A'.repeat(21)]) {
      assert.equal(incidentRefFromUriPath(bad), undefined, bad);
    }
  });
});

describe('cleaned and bounded rows', () => {
  it('detail rows of a JSON string are cleaned after parsing, keys included; so is a string that is not JSON', () => {
    const rows = detailRows('{"\\u202efile":"\\u202egnp.exe","n":{"k\\u200b":"\\u0007x"}}');
    assert.deepEqual(rows, [{ key: 'file', value: 'gnp.exe' }, { key: 'n', value: '{"k":"x"}' }]);
    assert.deepEqual(detailRows('plain \u202etext\u0007'), [{ key: '', value: 'plain text' }]);
    assert.deepEqual(detailRows({ 'a\u2066': ['\u200bb'] }), [{ key: 'a', value: '["b"]' }]);
  });
  it('joined lists stop at 10 names, each cut at 200 characters, then "and N more": in the text and the card row', () => {
    const assignees = Array.from({ length: 500 }, (_, n) => ({ id: `PU${n}`, name: `R${n} ${'x'.repeat(3000)}` }));
    const incident = { id: 'P1', number: 1, title: 't', status: 'triggered', urgency: 'high', assignees, teams: [], html_url: '' } as unknown as IncidentSummary;
    const line = incidentLine(incident);
    assert.ok(line.length < 3000, `text line of ${line.length}`);
    assert.match(line, /R9 x+… \[\d+ more characters cut\] and 490 more/);
    const row = incidentRowView(incident, Date.now(), formatOnly);
    assert.ok(row.detail.length < 3000, `row detail of ${row.detail.length}`);
    assert.match(row.detail, /and 490 more/);
  });
});
