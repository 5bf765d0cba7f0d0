/**
 * Simulator realism: for every GET operation the toolset calls, the seeded simulator's answer carries every field
 * PagerDuty's own response example in the spec shows (two levels below the wrapper key, first item of each list).
 * Fields it may lack are listed, with a reason each, in test/simulator/openapi/fieldAllowlist.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations } from '../simulator/assert';
import { startSimulator, type Simulator } from '../simulator/index';
import { FIELD_ALLOWLIST } from '../simulator/openapi/fieldAllowlist';
import { fieldPaths, getOperations, successExample } from '../simulator/openapi/exampleFields';
import { matchOperation } from '../simulator/openapi/validator';
import { statusPagesOf } from '../simulator/seed/statusPages';
import { FIELD_OPERATIONS, V3_WINDOW, type SeededIds } from './simulatorFieldOperations';

type Body = Record<string, any>;

async function getJson(sim: Simulator, path: string): Promise<Body> {
  const res = await fetch(sim.url + path, {
    headers: { Accept: 'application/vnd.pagerduty+json;version=2', Authorization: `Token token=${sim.tokens.user}` },
  });
  const text = await res.text();
  assert.equal(res.status, 200, `GET ${path} -> ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Body;
}

/** Ids to probe, taken from the simulator's own list answers as a client would find them. */
async function seededIds(sim: Simulator): Promise<SeededIds> {
  const first = async (path: string, key: string) => String((await getJson(sim, path))[key][0].id);
  // The incident probed for details is the first acknowledged one: it has been worked on, as one under investigation is.
  const incident = await first('/incidents?statuses[]=acknowledged', 'incidents');
  const scheduleV3 = await first('/v3/schedules', 'schedules');
  const rotation = await first(`/v3/schedules/${scheduleV3}/rotations`, 'rotations');
  const statusPage = await first('/status_pages', 'status_pages');
  const post = [...statusPagesOf(sim.state).posts.values()].find((p) => p.statusPageId === statusPage);
  assert.ok(post, 'the seed has a post on the first status page');
  return {
    incident,
    alert: await first(`/incidents/${incident}/alerts`, 'alerts'),
    service: await first('/services', 'services'),
    team: await first('/teams', 'teams'),
    user: await first('/users', 'users'),
    escalationPolicy: await first('/escalation_policies', 'escalation_policies'),
    schedule: await first('/schedules', 'schedules'),
    scheduleV3,
    rotation,
    rotationEvent: await first(`/v3/schedules/${scheduleV3}/rotations/${rotation}/events`, 'events'),
    customShift: await first(`/v3/schedules/${scheduleV3}/custom_shifts?${V3_WINDOW}`, 'custom_shifts'),
    overrideV3: await first(`/v3/schedules/${scheduleV3}/overrides?${V3_WINDOW}`, 'overrides'),
    changeEvent: await first('/change_events', 'change_events'),
    businessService: await first('/business_services', 'business_services'),
    orchestration: await first('/event_orchestrations', 'orchestrations'),
    alertGroupingSetting: await first('/alert_grouping_settings', 'alert_grouping_settings'),
    // The entry a responder opens first: the incident's trigger, which its first_trigger_log_entry points to.
    logEntry: String((await getJson(sim, `/incidents/${incident}`)).incident.first_trigger_log_entry.id),
    workflow: await first('/incident_workflows', 'incident_workflows'),
    statusPage,
    statusPagePost: post.id,
    webhookSubscription: await first('/webhook_subscriptions', 'webhook_subscriptions'),
    extensionSchema: await first('/extension_schemas', 'extension_schemas'),
  };
}

/** An allow-list entry covers its field and every field below it. */
function isAllowedBy(entry: string, key: string): boolean {
  return key === entry || key.startsWith(`${entry}.`) || (entry.endsWith('_') && key.startsWith(entry));
}

function isAllowed(key: string): boolean {
  return Object.keys(FIELD_ALLOWLIST).some((entry) => isAllowedBy(entry, key));
}

describe('simulator field coverage', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ now: () => new Date('2026-03-10T12:00:00Z') });
  });
  after(async () => {
    await sim.close();
  });

  it('lists only operations the spec has, each routed by its own path', () => {
    const operations = getOperations();
    const ids = new Proxy({} as SeededIds, { get: (_, key) => `X${String(key)}` });
    for (const { operationId, path } of FIELD_OPERATIONS) {
      assert.ok(operations.has(operationId), `${operationId} is not a GET operation of the spec`);
      assert.equal(matchOperation('GET', path(ids).split('?')[0])?.operation.operationId, operationId, `the path for ${operationId} matches another operation`);
    }
  });

  it('answers with every field the spec examples show', async () => {
    const operations = getOperations();
    const ids = await seededIds(sim);
    let shown = 0;
    let carried = 0;
    const missing: string[] = [];
    const allowed: string[] = [];
    for (const { operationId, path } of FIELD_OPERATIONS) {
      const example = successExample(operations.get(operationId)!.definition);
      if (example === undefined) continue;
      const answer = fieldPaths(await getJson(sim, path(ids)));
      for (const field of fieldPaths(example)) {
        shown += 1;
        if (answer.has(field)) carried += 1;
        else if (isAllowed(`${operationId} ${field}`)) allowed.push(`${operationId} ${field}`);
        else missing.push(`${operationId} ${field}`);
      }
    }
    const percent = (n: number) => `${Math.floor((n / shown) * 1000) / 10}%`;
    console.log(
      `simulator field coverage: ${carried}/${shown} (${percent(carried)}) fields of PagerDuty's examples over ${FIELD_OPERATIONS.length} operations; ` +
        `${allowed.length} allow-listed with a reason, ${missing.length} missing`,
    );
    assertNoViolations(sim);
    const stale = Object.keys(FIELD_ALLOWLIST).filter((entry) => !allowed.some((key) => isAllowedBy(entry, key)));
    assert.deepEqual(stale, [], 'allow-list entries no field needs any more; drop them');
    const stated = /carry ([\d ]+) of the ([\d ]+) fields/.exec(readFileSync(resolve(__dirname, '../../README.md'), 'utf8'));
    assert.deepEqual(stated?.slice(1).map((n) => Number(n.replace(/ /g, ''))), [carried, shown], "README's testing section states this figure");
    assert.ok(missing.length === 0, `fields PagerDuty's examples show that the simulator leaves out:\n${missing.join('\n')}`);
  });
});
