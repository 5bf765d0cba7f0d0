/**
 * The example prompts of PagerDuty's guide for its MCP server, each answerable in full with few calls (issue 30):
 * a service's integrations, status page posts and services, teams with their members, incidents found by what they
 * are about, and the open incidents of a busy account in one page. Against the spec-validated simulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { statusPagesOf } from '../simulator/seed/statusPages';
import { closeSessions, startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;

const serviceNamed = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;
const sp = () => statusPagesOf(s.sim.state);
const publicPage = () => [...sp().pages.values()].find((p) => p.status_page_type === 'public')!;
const level = (kind: 'statuses' | 'severities', description: string) =>
  [...sp().definitions.values()].find((d) => d.statusPageId === publicPage().id && d.kind === kind && d.description === description && d.post_type === 'incident')!;
/** The query strings of the simulator's requests to a path since `from`. */
const queriesTo = (path: string, from = 0) => s.sim.requests.slice(from).filter((q) => q.method === 'GET' && q.path === path).map((q) => new URLSearchParams(q.query));

before(async () => {
  // 200 seeded incidents: 41 of them triggered, the busy account of the guide's "show me triggered incidents".
  s = await startMcp({ writes: true, simulator: { incidents: 200 } });
});

after(() => closeSessions(s));

describe('get_service with include_integrations ("including escalation policy and integrations")', () => {
  it('lists the integrations in the same answer, and asks for them only when told', async () => {
    const gw = serviceNamed('API Gateway');
    const from = s.sim.requests.length;
    const result = await s.ok('get_service', { service_id: gw.id, include_integrations: true });
    assert.deepEqual(queriesTo(`/services/${gw.id}`, from)[0].getAll('include[]'), ['integrations']);
    const integrationId = `PI${gw.id.slice(2)}`;
    assert.deepEqual(result.structured.service.integrations, [{ id: integrationId, name: 'Events API v2', kind: 'events_api_v2' }]);
    assert.match(result.text, new RegExp(`integrations: Events API v2 \\(${integrationId}, events_api_v2\\)`));
    assert.match(result.text, /escalation policy: Platform Escalation/);

    const plain = await s.ok('get_service', { service_id: gw.id });
    assert.equal(plain.structured.service.integrations, undefined);
    assert.doesNotMatch(plain.text, /integrations:/);
    assert.deepEqual(queriesTo(`/services/${gw.id}`, from)[1].getAll('include[]'), []);
  });
});

describe('status page posts and services ("the current status page post")', () => {
  it('list_status_page_posts finds the open post, and status_ids narrows to the current ones', async () => {
    const page = publicPage();
    const seeded = [...sp().posts.values()].find((p) => p.statusPageId === page.id)!;
    const all = await s.ok('list_status_page_posts', { status_page_id: page.id });
    assert.deepEqual(all.structured.posts.map((p: any) => p.id), [seeded.id]);
    assert.match(all.text, new RegExp(`${seeded.id} Checkout errors for some customers \\[incident\\] starts \\S+ ends - \\| 2 updates`));

    // A second post, resolved at once: asking for the posts whose latest status is not "resolved" leaves the seeded one.
    const resolved = await s.ok('create_status_page_post', {
      status_page_id: page.id,
      title: 'Search was slow',
      post_type: 'incident',
      message: 'Search is fast again.',
      status_id: level('statuses', 'resolved').id,
      severity_id: level('severities', 'minor').id,
    });
    const open = ['investigating', 'identified', 'monitoring'].map((d) => level('statuses', d).id);
    const current = await s.ok('list_status_page_posts', { status_page_id: page.id, status_ids: open });
    assert.deepEqual(current.structured.posts.map((p: any) => p.id), [seeded.id]);
    const maintenance = await s.ok('list_status_page_posts', { status_page_id: page.id, post_type: 'maintenance' });
    assert.deepEqual(maintenance.structured.posts, []);
    const both = await s.ok('list_status_page_posts', { status_page_id: page.id, limit: 1 });
    assert.deepEqual([both.structured.posts[0].id, both.structured.more, both.structured.next_offset], [seeded.id, true, 1]);
    const rest = await s.ok('list_status_page_posts', { status_page_id: page.id, offset: 1 });
    assert.deepEqual(rest.structured.posts.map((p: any) => p.id), [resolved.structured.post.id]);
  });

  it('list_status_page_services gives the ids a post names as impacted', async () => {
    const page = publicPage();
    const result = await s.ok('list_status_page_services', { status_page_id: page.id });
    const expected = [...sp().services.values()].filter((x) => x.statusPageId === page.id).map((x) => ({ id: x.id, name: x.name }));
    assert.deepEqual(result.structured.services, expected);
    assert.deepEqual(expected.map((x) => x.name), ['Website', 'Checkout', 'Public API']);
    assert.match(await s.fails('list_status_page_services', { status_page_id: '<status_page_id>' }), /placeholder/);
  });

  it('creates a post for an ongoing incident with no end time, also when the official shape sends null times', async () => {
    const page = publicPage();
    const update = { message: 'We are investigating.', status: { id: level('statuses', 'investigating').id }, severity: { id: level('severities', 'major').id } };
    const result = await s.ok('create_status_page_post', {
      status_page_id: page.id,
      create_model: { post: { title: 'Payments failing', post_type: 'incident', starts_at: null, ends_at: null, updates: [update], status_page: { id: page.id } } },
    });
    const post = sp().posts.get(result.structured.post.id)!;
    assert.deepEqual([post.title, post.starts_at, post.ends_at], ['Payments failing', null, null]);
    const flat = await s.ok('create_status_page_post', {
      status_page_id: page.id,
      title: 'Login failing',
      post_type: 'incident',
      message: 'We are investigating.',
      status_id: level('statuses', 'investigating').id,
      severity_id: level('severities', 'major').id,
    });
    assert.deepEqual([sp().posts.get(flat.structured.post.id)!.starts_at, sp().posts.get(flat.structured.post.id)!.ends_at], [null, null]);
  });
});

describe('list_teams with include_members ("all teams and their members")', () => {
  it('answers every team with its members and roles in one call', async () => {
    const teams = [...s.sim.state.teams.values()];
    const result = await s.ok('list_teams', { include_members: true });
    assert.equal(result.structured.teams.length, teams.length);
    for (const team of teams) {
      const shown = result.structured.teams.find((t: any) => t.id === team.id);
      const expected = [...team.members.entries()].map(([id, role]) => ({ id, role }));
      assert.deepEqual(shown.members.map((m: any) => ({ id: m.id, role: m.role })), expected, team.name);
      const first = s.sim.state.users.get(expected[0].id)!;
      assert.ok(result.text.includes(`${first.name} (${first.id}) [${expected[0].role}]`), `${team.name}'s members in the text`);
    }
    assert.ok(result.structured.teams.every((t: any) => t.members_more === undefined), 'no team has more than 20 members yet');
    const plain = await s.ok('list_teams', {});
    assert.equal(plain.structured.teams[0].members, undefined);
  });

  it('is bounded: the first 20 members per team with the rest counted, and at most 25 teams per call', async () => {
    const team = [...s.sim.state.teams.values()][0];
    for (const user of s.sim.state.users.values()) if (!team.members.has(user.id)) team.members.set(user.id, 'observer');
    const size = team.members.size;
    assert.ok(size > 20, `the team has ${size} members`);
    const result = await s.ok('list_teams', { include_members: true, query: team.name });
    const shown = result.structured.teams.find((t: any) => t.id === team.id);
    assert.equal(shown.members.length, 20);
    assert.deepEqual([shown.members_more, shown.members_total], [true, size]);
    assert.match(result.text, new RegExp(`; ${size - 20} more: list_team_members`));
    assert.match(await s.fails('list_teams', { include_members: true, limit: 100 }), /limit must be at most 25 with it \(got 100\)/);
  });
});

describe('list_incidents with query ("incidents related to the database outage")', () => {
  /** What the filter must find: every word in the title or the service name, newest first, as PagerDuty lists them. */
  function expectedMatches(words: string[]) {
    return [...s.sim.state.incidents.values()]
      .filter((i) => Date.parse(i.created_at) >= Date.now() - 30 * 86_400_000)
      .filter((i) => words.every((w) => `${i.title} ${s.sim.state.services.get(i.serviceId)!.name}`.toLowerCase().includes(w)))
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.number - a.number)
      .map((i) => i.id);
  }

  it('matches the title or the service name, says how many of how many fetched, and pages on in PagerDuty\'s list', async () => {
    const expected = expectedMatches(['checkout']);
    const byServiceOnly = [...s.sim.state.incidents.values()].filter((i) => expected.includes(i.id) && !/checkout/i.test(i.title));
    assert.ok(expected.length > 3 && byServiceOnly.length > 0, 'the seed has checkout incidents, some only by service name');

    const all = await s.ok('list_incidents', { query: 'CHECKOUT', limit: 100 });
    assert.deepEqual(all.structured.incidents.map((i: any) => i.id), expected);
    const fetched = all.structured.fetched;
    assert.match(all.text, new RegExp(`Filtered here: ${expected.length} of ${fetched} fetched incidents have every word of "CHECKOUT"`));

    // Two at a time: the pages join up to the same list, without a repeat or a gap.
    const paged: string[] = [];
    let offset: number | undefined;
    for (let calls = 0; calls < 50; calls++) {
      const page = await s.ok('list_incidents', { query: 'checkout', limit: 2, ...(offset === undefined ? {} : { offset }) });
      paged.push(...page.structured.incidents.map((i: any) => i.id));
      if (!page.structured.more) break;
      offset = page.structured.next_offset;
      assert.match(page.text, new RegExp(`call again with offset ${offset}`));
    }
    assert.deepEqual(paged, expected);
  });

  it('needs every word, and says when nothing fetched matches', async () => {
    const words = ['replication', 'lag'];
    const result = await s.ok('list_incidents', { query: 'Replication  lag', limit: 100 });
    assert.deepEqual(result.structured.incidents.map((i: any) => i.id), expectedMatches(words));
    const none = await s.ok('list_incidents', { query: 'no such outage' });
    assert.deepEqual([none.structured.incidents, none.structured.more], [[], false]);
    assert.match(none.text, /Filtered here: 0 of \d+ fetched incidents/);
    assert.match(none.text, /No fetched incident matches/);
    assert.match(await s.fails('list_incidents', { query: 'x' }), /argument "query"/);
  });

  it('reads at most 500 incidents per call and says where to go on', async () => {
    const big = await startMcp({ simulator: { incidents: 600 } });
    try {
      const result = await big.ok('list_incidents', { query: 'no such outage', date_range: 'all' });
      assert.deepEqual([result.structured.fetched, result.structured.more, result.structured.next_offset], [500, true, 500]);
      assert.match(result.text, /Filtered here: 0 of 500 fetched/);
      assert.equal(big.sim.requests.filter((q) => q.path === '/incidents').length, 5, 'five pages of 100');
    } finally {
      await big.close();
    }
  });
});

describe('default page sizes ("show me the triggered incidents")', () => {
  it('the 41 triggered incidents of a busy account come in one call', async () => {
    const triggered = [...s.sim.state.incidents.values()].filter((i) => i.status === 'triggered');
    assert.equal(triggered.length, 41);
    const result = await s.ok('list_incidents', { statuses: ['triggered'] });
    assert.equal(result.structured.incidents.length, 41);
    assert.equal(result.structured.more, false);
  });
});

describe('the simulator answers as PagerDuty does', () => {
  it('derives a service status from its open incidents: critical, warning or active', async () => {
    const policy = [...s.sim.state.escalationPolicies.values()][0];
    const quiet = (await s.ok('create_service', { name: 'Reporting', escalation_policy_id: policy.id })).structured.service;
    const status = async () => (await s.ok('get_service', { service_id: quiet.id })).structured.service.status;
    assert.equal(await status(), 'active');
    const low = await s.ok('create_incident', { title: 'Slow report export', service_id: quiet.id, urgency: 'low' });
    assert.equal(await status(), 'warning', 'a low-urgency triggered incident');
    const high = await s.ok('create_incident', { title: 'Reports down', service_id: quiet.id, urgency: 'high' });
    assert.equal(await status(), 'critical', 'a high-urgency triggered incident');
    await s.ok('manage_incidents', { incident_ids: [high.structured.incident.id], status: 'acknowledged' });
    assert.equal(await status(), 'warning', 'acknowledged');
    await s.ok('manage_incidents', { incident_ids: [low.structured.incident.id, high.structured.incident.id], status: 'resolved' });
    assert.equal(await status(), 'active');
    const listed = await s.ok('list_services', { limit: 100 });
    assert.ok(listed.structured.services.some((x: any) => x.status === 'critical'), 'the seed has services with triggered high-urgency incidents');
  });

  it('dates no timeline entry later than now, whatever the seed', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const now = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));
      const sim = await startMcp({ simulator: { incidents: 200, seed, now: () => now } });
      try {
        const st = sim.sim.state;
        const late = (at: string | null | undefined) => Boolean(at && Date.parse(at) > now.getTime());
        for (const e of st.logEntries.values()) assert.ok(!late(e.created_at), `seed ${seed}: ${e.type} at ${e.created_at}`);
        for (const i of st.incidents.values()) {
          assert.ok(!late(i.resolved_at) && !late(i.last_status_change_at), `seed ${seed}: incident ${i.number}`);
          assert.ok(i.acknowledgements.every((a) => !late(a.at)) && i.responderRequests.every((r) => !late(r.requested_at)), `seed ${seed}: incident ${i.number}`);
        }
        for (const notes of st.notes.values()) assert.ok(notes.every((n) => !late(n.created_at)), `seed ${seed}: note`);
        // As a tool reads it: the newest resolved incident was resolved by now.
        const newest = [...st.incidents.values()].filter((i) => i.status === 'resolved').sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
        const shown = (await sim.ok('get_incident', { incident_id: newest.id })).structured.incident;
        assert.ok(Date.parse(shown.resolved_at) <= now.getTime(), `seed ${seed}: resolved ${shown.resolved_at}`);
      } finally {
        await sim.close();
      }
    }
  });
});
