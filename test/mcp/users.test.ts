import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { teamNamed } from '../support/simLookups';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;
let account: McpSession;

const userNamed = (name: string) => [...s.sim.state.users.values()].find((u) => u.name.startsWith(name))!;

before(async () => {
  s = await startMcp({ writes: true });
  observer = await startMcp({ writes: true, token: 'observer', sim: s.sim });
  account = await startMcp({ writes: true, token: 'accountKey', sim: s.sim });
});

after(async () => {
  await account.close();
  await observer.close();
  await s.close();
});

describe('get_user_data', () => {
  it('returns the current user with role, time zone and teams', async () => {
    const result = await s.ok('get_user_data');
    const user = result.structured.user;
    assert.equal(user.id, s.sim.me.id);
    assert.equal(user.email, s.sim.me.email);
    assert.equal(user.role, 'user');
    assert.equal(user.time_zone, 'Europe/Berlin');
    assert.deepEqual(user.teams.map((t: any) => t.name).sort(), ['Payments', 'Platform']);
    assert.ok(result.text.startsWith('Current user (untrusted data') && result.text.includes(FENCE_OPEN));
  });

  it('returns another user by id', async () => {
    const priya = userNamed('Priya');
    const result = await s.ok('get_user_data', { user_id: priya.id });
    assert.deepEqual([result.structured.user.name, result.structured.user.role], ['Priya Raman', 'owner']);
  });

  it('explains unknown ids and account-level keys', async () => {
    assert.match(await s.fails('get_user_data', { user_id: 'PNOPE00' }), /Not found \(404\)/);
    assert.match(await account.fails('get_user_data'), /account-level API key/);
    assert.match(await s.fails('get_user_data', { user_id: '<user_id>' }), /placeholder/);
  });
});

describe('list_users', () => {
  it('pages with more/next_offset/total', async () => {
    const first = await s.ok('list_users', { limit: 10 });
    assert.deepEqual([first.structured.users.length, first.structured.more, first.structured.next_offset], [10, true, 10]);
    assert.equal(first.structured.total, s.sim.state.users.size);
    const user = first.structured.users[0];
    assert.deepEqual(Object.keys(user).filter((k) => !['id', 'name', 'email', 'role', 'time_zone', 'job_title', 'teams', 'html_url'].includes(k)), []);
    assert.match(first.text, /more available: call again with offset 10/);
  });

  it('filters by name/email query and by team', async () => {
    const grace = await s.ok('list_users', { query: 'grace' });
    assert.deepEqual(grace.structured.users.map((u: any) => u.name), ['Grace Liu']);
    assert.match(grace.text, /Grace Liu <.+> \(\w+\) \[user\]/);
    const security = teamNamed(s.sim, 'Security');
    const members = await s.ok('list_users', { team_ids: [security.id], limit: 100 });
    assert.deepEqual(members.structured.users.map((u: any) => u.id).sort(), [...security.members.keys()].sort());
  });

  it('rejects out-of-range limits and placeholder team ids', async () => {
    assert.match(await s.fails('list_users', { limit: 1001 }), /argument "limit"/);
    assert.match(await s.fails('list_users', { team_ids: ['TODO'] }), /placeholder/);
  });
});

describe('create_user', () => {
  it('creates a user with the From header of the acting user', async () => {
    const result = await s.ok('create_user', { name: 'Ada Lovelace', email: 'ada@acme-sim.example', role: 'observer', time_zone: 'Europe/London' });
    const created = result.structured.user;
    assert.deepEqual([created.name, created.email, created.role, created.time_zone], ['Ada Lovelace', 'ada@acme-sim.example', 'observer', 'Europe/London']);
    assert.ok(s.sim.state.users.has(created.id));
    const request = s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/users').at(-1)!;
    assert.equal(request.headers.from, s.sim.me.email);
    assert.match(result.text, /Created user/);
  });

  it('defaults the role to "user"', async () => {
    const result = await s.ok('create_user', { name: 'Alan Turing', email: 'alan@acme-sim.example' });
    assert.equal(result.structured.user.role, 'user');
  });

  it('validates email, role and time zone before calling PagerDuty', async () => {
    const posts = () => s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/users').length;
    const before = posts();
    assert.match(await s.fails('create_user', { name: 'X', email: 'not-an-email' }), /argument "email"/);
    assert.match(await s.fails('create_user', { name: 'X', email: 'x@acme-sim.example', role: 'superuser' }), /argument "role"/);
    assert.match(await s.fails('create_user', { name: 'X', email: 'x@acme-sim.example', time_zone: 'Mars/Olympus' }), /IANA time zone/);
    assert.equal(posts(), before);
  });

  it('reports a taken email, an observer, and an account key without a From email', async () => {
    assert.match(await s.fails('create_user', { name: 'Dup', email: s.sim.me.email }), /already been taken/);
    assert.match(await observer.fails('create_user', { name: 'Obs', email: 'obs@acme-sim.example' }), /403/);
    assert.match(await account.fails('create_user', { name: 'Acc', email: 'acc@acme-sim.example' }), /PAGERDUTY_FROM_EMAIL/);
  });
});
