import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { closeSessions, startMcp, startWithObserver, type McpSession } from '../support/mcpHarness';
import { teamNamed } from '../support/simLookups';

let s: McpSession;
let observer: McpSession;

const userNamed = (name: string) => [...s.sim.state.users.values()].find((u) => u.name.startsWith(name))!;
const lastRequest = (method: string, path: string) => s.sim.requests.filter((r) => r.method === method && r.path === path).at(-1);

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_teams', () => {
  it('pages all teams with more/next_offset/total and filters by name', async () => {
    const first = await s.ok('list_teams', { limit: 4 });
    assert.equal(first.structured.teams.length, 4);
    assert.deepEqual([first.structured.more, first.structured.next_offset, first.structured.total], [true, 4, s.sim.state.teams.size]);
    assert.ok(first.text.includes(FENCE_OPEN));
    const rest = await s.ok('list_teams', { offset: 4 });
    assert.equal(rest.structured.teams.length, s.sim.state.teams.size - 4);
    assert.equal(rest.structured.more, false);

    const pay = await s.ok('list_teams', { query: 'pay' });
    assert.deepEqual(pay.structured.teams, [
      { id: teamNamed(s.sim, 'Payments').id, name: 'Payments', description: 'Payments team', default_role: 'manager', html_url: pay.structured.teams[0].html_url },
    ]);
  });

  it('scope "my" lists the teams of /users/me, without listing every team', async () => {
    const before = s.sim.requests.filter((r) => r.path === '/teams').length;
    const mine = await s.ok('list_teams', { scope: 'my' });
    assert.deepEqual(mine.structured.teams.map((t: any) => t.name).sort(), ['Payments', 'Platform']);
    assert.equal(mine.structured.total, 2);
    assert.equal(s.sim.requests.filter((r) => r.path === '/teams').length, before, 'no GET /teams');

    const paged = await s.ok('list_teams', { scope: 'my', limit: 1 });
    assert.deepEqual([paged.structured.teams.length, paged.structured.more, paged.structured.next_offset], [1, true, 1]);
    const filtered = await s.ok('list_teams', { scope: 'my', query: 'plat' });
    assert.deepEqual(filtered.structured.teams.map((t: any) => t.name), ['Platform']);
    const observerId = [...s.sim.state.users.values()].find((u) => u.name === 'Oliver Observer')!.id;
    const observerTeams = [...s.sim.state.teams.values()].filter((t) => t.members.has(observerId)).map((t) => t.id);
    assert.deepEqual((await observer.ok('list_teams', { scope: 'my' })).structured.teams.map((t: any) => t.id), observerTeams);
  });

  it('rejects an unknown scope, and explains "my" with an account-level key', async () => {
    assert.match(await s.fails('list_teams', { scope: 'mine' }), /argument "scope"/);
    const account = await startMcp({ token: 'accountKey', sim: s.sim });
    try {
      assert.match(await account.fails('list_teams', { scope: 'my' }), /account-level API key/);
    } finally {
      await account.close();
    }
  });
});

describe('get_team', () => {
  it('returns the shaped team', async () => {
    const data = teamNamed(s.sim, 'Data');
    const result = await s.ok('get_team', { team_id: data.id });
    assert.equal(result.structured.team.id, data.id);
    assert.equal(result.structured.team.name, 'Data');
    assert.equal(result.structured.team.description, 'Data team');
    assert.ok(result.text.includes(FENCE_OPEN) && result.text.includes('Data team'));
  });

  it('explains a 404 and rejects placeholders', async () => {
    assert.match(await s.fails('get_team', { team_id: 'PNOPE00' }), /Not found \(404\)/);
    assert.match(await s.fails('get_team', { team_id: '{team_id}' }), /placeholder/);
  });
});

describe('list_team_members', () => {
  it('keeps each member\'s team role and email, and pages', async () => {
    const platform = teamNamed(s.sim, 'Platform');
    const all = await s.ok('list_team_members', { team_id: platform.id });
    assert.equal(all.structured.members.length, platform.members.size);
    const me = all.structured.members.find((m: any) => m.id === s.sim.me.id);
    assert.deepEqual(me, { id: s.sim.me.id, name: s.sim.me.name, email: s.sim.me.email, role: 'responder' });
    const obs = all.structured.members.find((m: any) => m.name === 'Oliver Observer');
    assert.equal(obs.role, 'observer');
    assert.match(all.text, /Dana Whitfield <.+> \(\w+\) \[responder\]/);

    const page = await s.ok('list_team_members', { team_id: platform.id, limit: 2 });
    assert.deepEqual([page.structured.members.length, page.structured.more, page.structured.next_offset], [2, true, 2]);
  });

  it('explains a 404', async () => {
    assert.match(await s.fails('list_team_members', { team_id: 'PNOPE00' }), /Not found \(404\)/);
  });
});

describe('create_team / update_team / delete_team', () => {
  it('creates a team', async () => {
    const result = await s.ok('create_team', { name: 'Edge', description: 'CDN and edge', default_role: 'none' });
    const team = s.sim.state.teams.get(result.structured.team.id)!;
    assert.equal(team.name, 'Edge');
    assert.equal(team.description, 'CDN and edge');
    assert.equal((lastRequest('POST', '/teams')!.body as any).team.default_role, 'none');
    assert.match(result.text, /Created team/);
  });

  it('create_team reports a duplicate name and an observer', async () => {
    assert.match(await s.fails('create_team', { name: 'Platform' }), /already been taken/);
    assert.match(await observer.fails('create_team', { name: 'Observers' }), /403/);
    assert.match(await s.fails('create_team', { name: 'x'.repeat(101) }), /argument "name"/);
  });

  it('update_team changes only the description, sending the current name the API requires', async () => {
    const mobile = teamNamed(s.sim, 'Mobile');
    const result = await s.ok('update_team', { team_id: mobile.id, description: 'Apps' });
    assert.equal(result.structured.team.description, 'Apps');
    assert.deepEqual(lastRequest('PUT', `/teams/${mobile.id}`)!.body, { team: { type: 'team', name: 'Mobile', description: 'Apps' } });
    assert.equal(mobile.name, 'Mobile');
  });

  it('update_team refuses an empty change and unknown teams', async () => {
    assert.match(await s.fails('update_team', { team_id: teamNamed(s.sim, 'Mobile').id }), /Nothing to change/);
    assert.match(await s.fails('update_team', { team_id: 'PNOPE00', description: 'x' }), /Not found \(404\)/);
  });

  it('delete_team removes the team, passing the reassignment team', async () => {
    const temp = await s.ok('create_team', { name: 'Temporary' });
    const id = temp.structured.team.id;
    const result = await s.ok('delete_team', { team_id: id, reassignment_team_id: teamNamed(s.sim, 'Data').id });
    assert.equal(s.sim.state.teams.has(id), false);
    assert.equal(lastRequest('DELETE', `/teams/${id}`)!.query, `reassignment_team=${teamNamed(s.sim, 'Data').id}`);
    assert.deepEqual(result.structured.deleted, { team_id: id, reassignment_team_id: teamNamed(s.sim, 'Data').id });
    assert.match(await s.fails('delete_team', { team_id: id }), /Not found \(404\)/);
  });

  it('delete_team refuses to reassign to itself and observers', async () => {
    const data = teamNamed(s.sim, 'Data');
    assert.match(await s.fails('delete_team', { team_id: data.id, reassignment_team_id: data.id }), /different team/);
    assert.match(await observer.fails('delete_team', { team_id: data.id }), /403/);
    assert.ok(s.sim.state.teams.has(data.id));
  });
});

describe('add_team_member / remove_team_member', () => {
  it('adds a member with a role, changes the role, and removes them', async () => {
    const security = teamNamed(s.sim, 'Security');
    const grace = userNamed('Grace');
    assert.equal(security.members.has(grace.id), false);
    const added = await s.ok('add_team_member', { team_id: security.id, user_id: grace.id, role: 'observer' });
    assert.equal(security.members.get(grace.id), 'observer');
    assert.deepEqual(added.structured.membership, { team_id: security.id, user_id: grace.id, role: 'observer' });
    await s.ok('add_team_member', { team_id: security.id, user_id: grace.id, role: 'manager' });
    assert.equal(security.members.get(grace.id), 'manager');
    const defaulted = await s.ok('add_team_member', { team_id: security.id, user_id: grace.id });
    assert.equal(security.members.get(grace.id), 'responder');
    assert.deepEqual((s.sim.requests.at(-1)!.body as any), { role: 'responder' });
    assert.match(defaulted.text, /is now a responder of team/);

    const removed = await s.ok('remove_team_member', { team_id: security.id, user_id: grace.id });
    assert.equal(security.members.has(grace.id), false);
    assert.match(removed.text, /removed from team/);
  });

  it('add_team_member reports unknown users and invalid roles', async () => {
    const security = teamNamed(s.sim, 'Security');
    assert.match(await s.fails('add_team_member', { team_id: security.id, user_id: 'PNOPE00' }), /Not found \(404\)/);
    assert.match(await s.fails('add_team_member', { team_id: security.id, user_id: s.sim.me.id, role: 'owner' }), /argument "role"/);
    assert.match(await observer.fails('add_team_member', { team_id: security.id, user_id: s.sim.me.id }), /403/);
  });

  it('remove_team_member reports a user who is not a member', async () => {
    const security = teamNamed(s.sim, 'Security');
    assert.match(await s.fails('remove_team_member', { team_id: security.id, user_id: userNamed('Grace').id }), /not a member/);
    assert.match(await s.fails('remove_team_member', { team_id: security.id, user_id: 'undefined' }), /placeholder/);
  });
});
