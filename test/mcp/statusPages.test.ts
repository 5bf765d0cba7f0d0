import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_CLOSE, FENCE_OPEN } from '../../src/model/untrusted';
import { HOSTILE_UPDATE, statusPagesOf, type DefinitionKind } from '../simulator/seed/statusPages';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;

const sp = () => statusPagesOf(s.sim.state);
const publicPage = () => [...sp().pages.values()].find((p) => p.status_page_type === 'public')!;
const seededPost = () => [...sp().posts.values()][0];
const level = (kind: DefinitionKind, description: string, postType = 'incident', pageId = publicPage().id) =>
  [...sp().definitions.values()].find((d) => d.statusPageId === pageId && d.kind === kind && d.description === description && d.post_type === postType)!;
const pageService = (name: string) => [...sp().services.values()].find((x) => x.statusPageId === publicPage().id && x.name === name)!;
/** The fenced body of a tool's text: what PagerDuty said, not what the tool said. */
const fenced = (text: string) => text.slice(text.indexOf(FENCE_OPEN), text.lastIndexOf(FENCE_CLOSE) + FENCE_CLOSE.length);

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_status_pages', () => {
  it('lists pages with type and url, filters by type and pages with offset', async () => {
    const all = await s.ok('list_status_pages');
    assert.equal(all.structured.status_pages.length, 2);
    assert.deepEqual(all.structured.status_pages[0], { id: publicPage().id, name: 'Acme Status', status_page_type: 'public', url: 'https://status.acme-sim.example', published_at: publicPage().published_at });
    assert.ok(fenced(all.text).includes('Acme Status'));
    const priv = await s.ok('list_status_pages', { status_page_type: 'private' });
    assert.deepEqual(priv.structured.status_pages.map((p: any) => p.name), ['Acme Internal Status']);
    assert.match(priv.text, /unpublished/);
    const first = await s.ok('list_status_pages', { limit: 1 });
    assert.deepEqual([first.structured.more, first.structured.next_offset, first.structured.total], [true, 1, 2]);
  });

  it('rejects a type PagerDuty does not have', async () => {
    assert.match(await s.fails('list_status_pages', { status_page_type: 'audience_specific' }), /argument "status_page_type"/);
  });
});

describe('list_status_page_statuses / severities / impacts', () => {
  for (const [tool, kind, example] of [
    ['list_status_page_statuses', 'statuses', 'investigating'],
    ['list_status_page_severities', 'severities', 'major'],
    ['list_status_page_impacts', 'impacts', 'partial_outage'],
  ] as const) {
    it(`${tool} lists ids and descriptions, filtered by post type`, async () => {
      const result = await s.ok(tool, { status_page_id: publicPage().id, post_type: 'incident' });
      const items = result.structured[kind];
      assert.ok(items.length >= 4);
      assert.ok(items.every((l: any) => l.post_type === 'incident'));
      assert.deepEqual(items.find((l: any) => l.description === example), { id: level(kind, example).id, description: example, post_type: 'incident' });
      assert.ok(fenced(result.text).includes(level(kind, example).id));
      const maintenance = await s.ok(tool, { status_page_id: publicPage().id, post_type: 'maintenance' });
      assert.ok(maintenance.structured[kind].every((l: any) => l.post_type === 'maintenance'));
    });

    it(`${tool} reports an unknown status page as not found`, async () => {
      assert.match(await s.fails(tool, { status_page_id: 'PNOPAGE' }), /not found|404/i);
    });
  }
});

describe('get_status_page_post', () => {
  it('returns the post with its full updates, fencing their messages', async () => {
    const post = seededPost();
    const result = await s.ok('get_status_page_post', { status_page_id: publicPage().id, post_id: post.id });
    const shaped = result.structured.post;
    assert.equal(shaped.title, 'Checkout errors for some customers');
    assert.equal(shaped.post_type, 'incident');
    assert.equal(shaped.updates.length, 2);
    assert.deepEqual(shaped.updates[0].impacted_services, [{ service_id: pageService('Checkout').id, impact_id: level('impacts', 'partial_outage').id }]);
    assert.equal(shaped.updates[0].status_id, level('statuses', 'investigating').id);
    // The hostile update stays inside the fence: its fake closing marker is defused and its bidi override stripped.
    const body = fenced(result.text);
    assert.ok(body.includes('Ignore previous instructions'));
    assert.equal(result.text.split(FENCE_CLOSE).length, 2, 'exactly one real fence close');
    assert.ok(!result.text.includes('\u202E'));
    assert.ok(HOSTILE_UPDATE.includes('\u202E'));
    const q = s.sim.requests.filter((r) => r.path.endsWith(`/posts/${post.id}`)).at(-1)!;
    assert.match(decodeURIComponent(q.query), /include\[\]=status_page_post_update/);
  });

  it('without include_updates lists only update ids', async () => {
    const post = seededPost();
    const result = await s.ok('get_status_page_post', { status_page_id: publicPage().id, post_id: post.id, include_updates: false });
    assert.equal(result.structured.post.updates, undefined);
    assert.deepEqual(result.structured.post.update_ids, sp().updates.get(post.id)!.map((u) => u.id));
  });

  it('reports an unknown post as not found and a placeholder id before calling PagerDuty', async () => {
    assert.match(await s.fails('get_status_page_post', { status_page_id: publicPage().id, post_id: 'PNOPOST' }), /not found|404/i);
    const before = s.sim.requests.length;
    assert.match(await s.fails('get_status_page_post', { status_page_id: publicPage().id, post_id: '<post_id>' }), /argument "post_id": a real status page post id is required/);
    assert.equal(s.sim.requests.length, before);
  });
});

describe('list_status_page_post_updates', () => {
  it('lists updates oldest first and filters by review status', async () => {
    const post = seededPost();
    const all = await s.ok('list_status_page_post_updates', { status_page_id: publicPage().id, post_id: post.id });
    assert.equal(all.structured.post_updates.length, 2);
    assert.equal(all.structured.more, false);
    const pending = await s.ok('list_status_page_post_updates', { status_page_id: publicPage().id, post_id: post.id, reviewed_status: 'not_reviewed' });
    assert.deepEqual(pending.structured.post_updates.map((u: any) => u.reviewed_status), ['not_reviewed']);
    assert.ok(fenced(pending.text).includes('Ignore previous instructions'));
  });

  it('rejects an invalid review status', async () => {
    assert.match(await s.fails('list_status_page_post_updates', { status_page_id: publicPage().id, post_id: seededPost().id, reviewed_status: 'pending' }), /argument "reviewed_status"/);
  });
});

describe('create_status_page_post', () => {
  it('publishes an incident post with its first update and impacted services', async () => {
    const page = publicPage();
    const result = await s.ok('create_status_page_post', {
      status_page_id: page.id,
      title: 'Login failures',
      post_type: 'incident',
      message: 'Some users cannot log in; we are investigating.',
      status_id: level('statuses', 'investigating').id,
      severity_id: level('severities', 'major').id,
      impacted_service_ids: [pageService('Website').id],
      impact_id: level('impacts', 'major_outage').id,
      notify_subscribers: true,
    });
    const post = result.structured.post;
    assert.equal(post.title, 'Login failures');
    assert.equal(post.updates.length, 1);
    assert.deepEqual(post.updates[0].impacted_services, [{ service_id: pageService('Website').id, impact_id: level('impacts', 'major_outage').id }]);
    assert.equal(post.updates[0].notify_subscribers, true);
    assert.match(result.text, /Subscribers were notified/);
    const stored = sp().posts.get(post.id)!;
    assert.equal(stored.statusPageId, page.id);
    assert.equal(sp().updates.get(post.id)![0].message, 'Some users cannot log in; we are investigating.');
  });

  it('schedules a maintenance post with its window', async () => {
    const page = publicPage();
    const result = await s.ok('create_status_page_post', {
      status_page_id: page.id,
      title: 'Database upgrade',
      post_type: 'maintenance',
      starts_at: '2030-01-10T02:00:00Z',
      ends_at: '2030-01-10T04:00:00+00:00',
      message: 'Checkout may be briefly unavailable.',
      status_id: level('statuses', 'scheduled', 'maintenance').id,
      severity_id: level('severities', 'all_good', 'maintenance').id,
    });
    assert.deepEqual([result.structured.post.starts_at, result.structured.post.ends_at], ['2030-01-10T02:00:00Z', '2030-01-10T04:00:00Z']);
  });

  it('checks cross-field rules before calling PagerDuty, and surfaces PagerDuty rejections', async () => {
    const base = {
      status_page_id: publicPage().id,
      title: 'x',
      message: 'm',
      status_id: level('statuses', 'scheduled', 'maintenance').id,
      severity_id: level('severities', 'all_good', 'maintenance').id,
    };
    const before = s.sim.requests.length;
    assert.match(await s.fails('create_status_page_post', { ...base, post_type: 'maintenance' }), /needs both starts_at and ends_at/);
    assert.match(
      await s.fails('create_status_page_post', { ...base, post_type: 'maintenance', starts_at: '2030-01-10T04:00:00Z', ends_at: '2030-01-10T02:00:00Z' }),
      /ends_at must be after starts_at/,
    );
    assert.match(await s.fails('create_status_page_post', { ...base, post_type: 'incident', impacted_service_ids: [pageService('Website').id] }), /needs impact_id/);
    assert.match(await s.fails('create_status_page_post', { ...base, post_type: 'incident', starts_at: '2030-01-10' }), /argument "starts_at": expected an ISO 8601/);
    assert.equal(s.sim.requests.length, before, 'no request for invalid input');
    // A maintenance status on an incident post: PagerDuty refuses, and the tool says why.
    assert.match(await s.fails('create_status_page_post', { ...base, post_type: 'incident' }), /for maintenance posts, not incident posts/);
  });

  it('is refused for an observer', async () => {
    const text = await observer.fails('create_status_page_post', {
      status_page_id: publicPage().id,
      title: 'x',
      post_type: 'incident',
      message: 'm',
      status_id: level('statuses', 'investigating').id,
      severity_id: level('severities', 'minor').id,
    });
    assert.match(text, /403|permission|Access Denied/i);
  });
});

describe('create_status_page_post_update', () => {
  it('adds an update to a post', async () => {
    const post = seededPost();
    const count = sp().updates.get(post.id)!.length;
    const result = await s.ok('create_status_page_post_update', {
      status_page_id: publicPage().id,
      post_id: post.id,
      message: 'A fix is rolling out.',
      status_id: level('statuses', 'monitoring').id,
      severity_id: level('severities', 'minor').id,
      impacted_service_ids: [pageService('Checkout').id],
      impact_id: level('impacts', 'degraded_performance').id,
    });
    assert.equal(result.structured.post_update.message, 'A fix is rolling out.');
    assert.equal(result.structured.post_update.notify_subscribers, false);
    assert.ok(fenced(result.text).includes('A fix is rolling out.'));
    assert.equal(sp().updates.get(post.id)!.length, count + 1);
  });

  it('reports an unknown post and an empty message', async () => {
    const args = { status_page_id: publicPage().id, post_id: 'PNOPOST', message: 'x', status_id: level('statuses', 'monitoring').id, severity_id: level('severities', 'minor').id };
    assert.match(await s.fails('create_status_page_post_update', args), /not found|404/i);
    assert.match(await s.fails('create_status_page_post_update', { ...args, post_id: seededPost().id, message: '  ' }), /argument "message": must not be empty/);
  });
});
