/**
 * The incident details PagerDuty sends that change what a responder reads: the conference bridge, which
 * integration an alert came through, the outlier incident's title and time, related incidents' titles.
 * Expected values come from the simulator's own answers, so the tests follow the seed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOSTILE_TITLE } from '../simulator/seed/data';
import { startMcp, type McpSession } from '../support/mcpHarness';

describe('incident details over stdio against the simulator', () => {
  let s: McpSession;
  before(async () => {
    s = await startMcp();
  });
  after(() => s.close());

  /** What PagerDuty (the simulator) answers, read directly so expectations are not hard-coded. */
  const api = async (path: string) => {
    const res = await fetch(s.sim.url + path, { headers: { Authorization: `Token token=${s.sim.tokens.user}` } });
    assert.equal(res.status, 200, `GET ${path}`);
    return (await res.json()) as Record<string, any>;
  };
  const acknowledged = () => [...s.sim.state.incidents.values()].find((i) => i.status === 'acknowledged')!;

  it('get_incident shows the conference bridge', async () => {
    const incident = acknowledged();
    const { conference_bridge } = (await api(`/incidents/${incident.id}?include[]=conference_bridge`)).incident;
    const r = await s.ok('get_incident', { incident_id: incident.id });
    assert.match(r.text, new RegExp(`conference bridge: .*${escape(conference_bridge.conference_url)}`));
    assert.ok(r.text.includes(conference_bridge.conference_number), 'dial-in number shown');
    assert.deepEqual(r.structured.incident.conference_bridge, { number: conference_bridge.conference_number, url: conference_bridge.conference_url });
  });

  it('alerts name the integration they came through', async () => {
    const incident = acknowledged();
    const [alert] = (await api(`/incidents/${incident.id}/alerts`)).alerts;
    const listed = await s.ok('list_alerts_from_incident', { incident_id: incident.id });
    assert.ok(listed.text.includes(`via: ${alert.integration.summary}`), listed.text);
    const one = await s.ok('get_alert_from_incident', { incident_id: incident.id, alert_id: alert.id });
    assert.equal(one.structured.alert.integration.id, alert.integration.id);
  });

  it('get_outlier_incident names the incident and when it began, sanitised', async () => {
    const incident = acknowledged();
    const r = await s.ok('get_outlier_incident', { incident_id: incident.id });
    assert.ok(r.text.includes(`${incident.title} | created: ${incident.created_at}`), r.text);
    assert.equal(r.structured.outlier_incident.title, incident.title);

    const hostile = [...s.sim.state.incidents.values()].find((i) => i.title === HOSTILE_TITLE)!;
    const h = await s.ok('get_outlier_incident', { incident_id: hostile.id });
    assert.doesNotMatch(h.text, /[\u200B\u202E]/, 'bidi and zero-width characters are stripped');
    assert.ok(h.text.includes('Disk full on db-01.prod'), h.text);
  });

  it('get_related_incidents lists each related incident by title and creation time', async () => {
    const incident = acknowledged();
    const { related_incidents } = await api(`/incidents/${incident.id}/related_incidents`);
    assert.ok(related_incidents.length > 0, 'the seed relates open incidents of the same team');
    const r = await s.ok('get_related_incidents', { incident_id: incident.id });
    for (const { incident: related } of related_incidents) {
      assert.ok(r.text.includes(`${related.id} ${related.title.replace(/[\u200B\u202A-\u202E]/g, '')} | created: ${related.created_at}`), r.text);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
