/** /status_pages: pages, their statuses/severities/impacts and services, posts and post updates (read, create). */
import { invalidInput, notFound } from '../errors';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import {
  statusPagesOf,
  type DefinitionKind,
  type DefinitionRec,
  type PageServiceRec,
  type PostRec,
  type PostType,
  type PostUpdateRec,
  type StatusPageRec,
  type StatusPagesState,
} from '../seed/statusPages';
import { iso } from '../time';
import { includes, listParam, objectBody, refId } from './params';

const DEF_TYPE: Record<DefinitionKind, string> = { statuses: 'status_page_status', severities: 'status_page_severity', impacts: 'status_page_impact' };

export function statusPageRoutes(route: Route): void {
  route('GET', '/status_pages', (ctx) => {
    const type = ctx.query.get('status_page_type');
    const pages = [...sp(ctx).pages.values()].filter((p) => !type || p.status_page_type === type);
    const { page, meta } = paginate(pages, ctx.query);
    return { status: 200, body: { status_pages: page.map(renderPage), ...meta } };
  });

  for (const kind of Object.keys(DEF_TYPE) as DefinitionKind[]) {
    route('GET', `/status_pages/{id}/${kind}`, (ctx) => {
      const page = findPage(ctx);
      const postType = ctx.query.get('post_type');
      const defs = [...sp(ctx).definitions.values()].filter(
        (d) => d.statusPageId === page.id && d.kind === kind && (!postType || d.post_type === postType),
      );
      const { page: items, meta } = paginate(defs, ctx.query);
      return { status: 200, body: { [kind]: items.map((d) => renderDefinition(ctx, d)), ...meta } };
    });
  }

  route('GET', '/status_pages/{id}/services', (ctx) => {
    const page = findPage(ctx);
    const services = [...sp(ctx).services.values()].filter((x) => x.statusPageId === page.id);
    const { page: items, meta } = paginate(services, ctx.query);
    return { status: 200, body: { services: items.map((x) => renderService(ctx, x)), ...meta } };
  });

  // status[] matches a post's current status: the status of its latest update.
  route('GET', '/status_pages/{id}/posts', (ctx) => {
    const page = findPage(ctx);
    const postType = ctx.query.get('post_type');
    const statuses = new Set(listParam(ctx.query, 'status'));
    const state = sp(ctx);
    const posts = [...state.posts.values()].filter(
      (p) => p.statusPageId === page.id && (!postType || p.post_type === postType) && (!statuses.size || statuses.has(state.updates.get(p.id)?.at(-1)?.statusId ?? '')),
    );
    const { page: items, meta } = paginate(posts, ctx.query);
    return { status: 200, body: { posts: items.map((p) => renderPost(ctx, p, false)), ...meta } };
  });

  route('GET', '/status_pages/{id}/posts/{post_id}', (ctx) => {
    const post = findPost(ctx);
    return { status: 200, body: { post: renderPost(ctx, post, includes(ctx.query).has('status_page_post_update')) } };
  });

  route('POST', '/status_pages/{id}/posts', (ctx) => {
    const page = findPage(ctx);
    const input = objectBody(ctx.body, 'post');
    const postType = input.post_type as PostType;
    if (postType !== 'incident' && postType !== 'maintenance') throw invalidInput('post.post_type must be incident or maintenance');
    if (typeof input.title !== 'string' || !input.title.trim()) throw invalidInput('post.title is required');
    if (refId(input.status_page, 'post.status_page') !== page.id) throw invalidInput('post.status_page does not match the path');
    const startsAt = optionalTime(input.starts_at, 'post.starts_at');
    const endsAt = optionalTime(input.ends_at, 'post.ends_at');
    if (postType === 'maintenance' && (!startsAt || !endsAt)) throw invalidInput('Maintenance posts need starts_at and ends_at');
    if (startsAt && endsAt && Date.parse(startsAt) >= Date.parse(endsAt)) throw invalidInput('post.ends_at must be after post.starts_at');
    if (!Array.isArray(input.updates) || input.updates.length === 0) throw invalidInput('post.updates needs at least one update');
    const state = sp(ctx);
    const post: PostRec = { id: newId(state), statusPageId: page.id, title: input.title, post_type: postType, starts_at: startsAt, ends_at: endsAt };
    const updates = input.updates.map((u) => buildUpdate(ctx, page, post, u as Record<string, unknown>));
    state.posts.set(post.id, post);
    state.updates.set(post.id, updates);
    return { status: 201, body: { post: renderPost(ctx, post, true) } };
  });

  route('GET', '/status_pages/{id}/posts/{post_id}/post_updates', (ctx) => {
    const post = findPost(ctx);
    const reviewed = ctx.query.get('reviewed_status');
    const updates = (sp(ctx).updates.get(post.id) ?? []).filter((u) => !reviewed || u.reviewed_status === reviewed);
    const { page, meta } = paginate(updates, ctx.query);
    return { status: 200, body: { post_updates: page.map((u) => renderUpdate(ctx, post, u)), ...meta } };
  });

  route('POST', '/status_pages/{id}/posts/{post_id}/post_updates', (ctx) => {
    const post = findPost(ctx);
    const input = objectBody(ctx.body, 'post_update');
    if (refId(input.post, 'post_update.post') !== post.id) throw invalidInput('post_update.post does not match the path');
    const update = buildUpdate(ctx, findPage(ctx), post, input);
    sp(ctx).updates.get(post.id)!.push(update);
    return { status: 201, body: { post_update: renderUpdate(ctx, post, update) } };
  });
}

function sp(ctx: HandlerContext): StatusPagesState {
  return statusPagesOf(ctx.state, ctx.now.getTime());
}

function newId(state: StatusPagesState): string {
  return 'P' + state.prng.token(6);
}

function findPage(ctx: HandlerContext): StatusPageRec {
  const page = sp(ctx).pages.get(ctx.params.id);
  if (!page) throw notFound();
  return page;
}

function findPost(ctx: HandlerContext): PostRec {
  const page = findPage(ctx);
  const post = sp(ctx).posts.get(ctx.params.post_id);
  if (!post || post.statusPageId !== page.id) throw notFound();
  return post;
}

function optionalTime(value: unknown, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalidInput(`${what} must be an ISO 8601 date-time`);
  return iso(Date.parse(value));
}

/** Checks an update's references belong to this page and post type, as PagerDuty does. */
function buildUpdate(ctx: HandlerContext, page: StatusPageRec, post: PostRec, input: Record<string, unknown>): PostUpdateRec {
  const state = sp(ctx);
  const def = (ref: unknown, kind: DefinitionKind, what: string): DefinitionRec => {
    const found = state.definitions.get(refId(ref, what));
    if (!found || found.statusPageId !== page.id || found.kind !== kind) throw invalidInput(`${what} is not a ${DEF_TYPE[kind]} of status page ${page.id}`);
    if (found.post_type !== post.post_type) throw invalidInput(`${what} is for ${found.post_type} posts, not ${post.post_type} posts`);
    return found;
  };
  if (typeof input.message !== 'string' || !input.message.trim()) throw invalidInput('update message is required');
  const impacted = (Array.isArray(input.impacted_services) ? input.impacted_services : []).map((entry) => {
    const e = entry as { service?: unknown; impact?: unknown };
    const service = state.services.get(refId(e.service, 'impacted_services.service'));
    if (!service || service.statusPageId !== page.id) throw invalidInput(`impacted service is not a service of status page ${page.id}`);
    return { serviceId: service.id, impactId: def(e.impact, 'impacts', 'impacted_services.impact').id };
  });
  return {
    id: newId(state),
    postId: post.id,
    message: input.message,
    reviewed_status: 'approved',
    statusId: def(input.status, 'statuses', 'status').id,
    severityId: def(input.severity, 'severities', 'severity').id,
    impacted,
    notify_subscribers: input.notify_subscribers === true,
    update_frequency_ms: typeof input.update_frequency_ms === 'number' ? input.update_frequency_ms : null,
    reported_at: iso(ctx.now),
  };
}

const pageRef = (id: string) => ({ id, type: 'status_page' });

function renderPage(p: StatusPageRec) {
  return { id: p.id, name: p.name, published_at: p.published_at, status_page_type: p.status_page_type, url: p.url, type: 'status_page' };
}

function renderService(ctx: HandlerContext, x: PageServiceRec) {
  return { id: x.id, self: `${ctx.state.apiBase}/status_pages/${x.statusPageId}/services/${x.id}`, name: x.name, status_page: pageRef(x.statusPageId), type: 'status_page_service' };
}

function renderDefinition(ctx: HandlerContext, d: DefinitionRec) {
  return {
    id: d.id,
    self: definitionSelf(ctx, d.statusPageId, d.kind, d.id),
    description: d.description,
    post_type: d.post_type,
    status_page: pageRef(d.statusPageId),
    type: DEF_TYPE[d.kind],
  };
}

function definitionSelf(ctx: HandlerContext, pageId: string, kind: DefinitionKind, id: string): string {
  return `${ctx.state.apiBase}/status_pages/${pageId}/${kind}/${id}`;
}

function postSelf(ctx: HandlerContext, post: PostRec): string {
  return `${ctx.state.apiBase}/status_pages/${post.statusPageId}/posts/${post.id}`;
}

function renderUpdate(ctx: HandlerContext, post: PostRec, u: PostUpdateRec) {
  return {
    id: u.id,
    self: `${postSelf(ctx, post)}/post_updates/${u.id}`,
    post: { id: post.id, type: 'status_page_post', self: postSelf(ctx, post) },
    message: u.message,
    reviewed_status: u.reviewed_status,
    status: { id: u.statusId, type: 'status_page_status', self: definitionSelf(ctx, post.statusPageId, 'statuses', u.statusId) },
    severity: { id: u.severityId, type: 'status_page_severity', self: definitionSelf(ctx, post.statusPageId, 'severities', u.severityId) },
    impacted_services: u.impacted.map((i) => ({ service: { id: i.serviceId, type: 'status_page_service' }, impact: { id: i.impactId, type: 'status_page_impact' } })),
    update_frequency_ms: u.update_frequency_ms,
    notify_subscribers: u.notify_subscribers,
    reported_at: u.reported_at,
    type: 'status_page_post_update',
  };
}

function renderPost(ctx: HandlerContext, post: PostRec, withUpdates: boolean) {
  const updates = sp(ctx).updates.get(post.id) ?? [];
  return {
    id: post.id,
    self: postSelf(ctx, post),
    type: 'status_page_post',
    post_type: post.post_type,
    status_page: pageRef(post.statusPageId),
    title: post.title,
    starts_at: post.starts_at,
    ends_at: post.ends_at,
    updates: updates.map((u) => (withUpdates ? renderUpdate(ctx, post, u) : { id: u.id, self: `${postSelf(ctx, post)}/post_updates/${u.id}`, type: 'status_page_post_update' })),
  };
}
