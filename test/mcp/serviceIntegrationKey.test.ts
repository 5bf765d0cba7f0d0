/** list_services' integration_key: the service a key sends to, found by reading services with their integrations. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KEY_SEARCH_MAX } from '../../src/mcp/tools/services';
import { closeSessions, startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;
const withKey = () => [...s.sim.state.services.values()].filter((x) => x.integrationKey);
const keyLess = () => [...s.sim.state.services.values()].find((x) => !x.integrationKey)!;
const mentions = (r: { text: string; structured: unknown }, key: string) =>
  r.text.toLowerCase().includes(key.toLowerCase()) || JSON.stringify(r.structured ?? {}).toLowerCase().includes(key.toLowerCase());
/** The simulator's requests for the service list, as sent. */
const serviceLists = () => s.sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/services'));

before(async () => {
  s = await startMcp();
});
after(() => closeSessions(s));

describe('list_services integration_key', () => {
  it('finds the one service whose integration has the key, and never repeats the key', async () => {
    const seeded = withKey();
    assert.ok(seeded.length >= 2 && seeded.length < s.sim.state.services.size, 'the seed keys some services, not all');
    for (const service of seeded.slice(0, 2)) {
      const r = await s.ok('list_services', { integration_key: service.integrationKey });
      assert.deepEqual(r.structured.services.map((x: any) => x.id), [service.id]);
      assert.equal(r.structured.more, false);
      assert.ok(!mentions(r, service.integrationKey!), 'the key is not in the answer');
      // The answer is the service, not its integrations (each of which would carry a key).
      assert.equal(r.structured.services[0].integrations, undefined);
    }
    const last = serviceLists().at(-1)!;
    assert.match(decodeURIComponent(last.query), /include\[\]=integrations/);
  });

  it('says no service has a key that none holds', async () => {
    const key = 'f'.repeat(32);
    const r = await s.ok('list_services', { integration_key: key });
    assert.deepEqual(r.structured.services, []);
    assert.equal(r.structured.more, false);
    assert.match(r.text, /No service has an integration with this key/);
    assert.ok(!mentions(r, key));
  });

  it('refuses a malformed key before calling PagerDuty, describing it without repeating it', async () => {
    const before = s.sim.requests.length;
    for (const [key, why] of [
      ['abc123', /32 letters and digits, got one with 6 characters/],
      ['0123456789abcdef0123456789abcde!', /characters other than letters and digits/],
      [`${'a'.repeat(32)}x`, /33 characters/],
    ] as const) {
      const text = await s.fails('list_services', { integration_key: key });
      assert.match(text, /argument "integration_key"/);
      assert.match(text, why);
      assert.ok(!text.includes(key), `the key is not echoed: ${text}`);
    }
    const text = await s.fails('list_services', { integration_key: withKey()[0]!.integrationKey, query: 'pay' });
    assert.match(text, /leave query and team_ids out/);
    assert.ok(!text.includes(withKey()[0]!.integrationKey!));
    assert.equal(s.sim.requests.length, before, 'nothing was asked of PagerDuty');
  });

  it('get_service with include_integrations shows the integration but not its key', async () => {
    const service = withKey()[0]!;
    const r = await s.ok('get_service', { service_id: service.id, include_integrations: true });
    assert.equal(r.structured.service.integrations.length, 1);
    assert.ok(!mentions(r, service.integrationKey!));
    assert.ok(!s.stderr().includes(service.integrationKey!), 'nor in the server log');
  });

  it(`reads at most ${KEY_SEARCH_MAX} services per call and says where to continue`, async () => {
    const template = keyLess();
    const target = withKey()[0]!;
    // Enough key-less services, named to sort before the keyed one, that it lies beyond the first KEY_SEARCH_MAX.
    for (let i = 0; i < KEY_SEARCH_MAX + 50; i++) {
      const id = `PX${String(i).padStart(5, '0')}`;
      s.sim.state.services.set(id, { ...template, id, name: `Aaa filler ${String(i).padStart(5, '0')}` });
    }
    const requestsBefore = serviceLists().length;
    const first = await s.ok('list_services', { integration_key: target.integrationKey });
    assert.deepEqual(first.structured.services, []);
    assert.equal(first.structured.more, true);
    assert.equal(first.structured.next_offset, KEY_SEARCH_MAX);
    assert.match(first.text, new RegExp(`Read ${KEY_SEARCH_MAX} services`));
    assert.match(first.text, new RegExp(`call again with offset ${KEY_SEARCH_MAX}`));
    assert.equal(serviceLists().length - requestsBefore, KEY_SEARCH_MAX / 100, 'pages of 100, no more than the limit');
    const rest = await s.ok('list_services', { integration_key: target.integrationKey, offset: first.structured.next_offset });
    assert.deepEqual(rest.structured.services.map((x: any) => x.id), [target.id]);
    assert.equal(rest.structured.more, false);
    assert.ok(!mentions(first, target.integrationKey!) && !mentions(rest, target.integrationKey!));
  });
});
