import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import type { Raw } from '../shape/common';
import {
  levelLine,
  pageServiceLine,
  postDetail,
  postLine,
  postUpdateLine,
  shapeLevel,
  shapePageService,
  shapePost,
  shapePostUpdate,
  shapeStatusPage,
  statusPageLine,
} from '../shape/statusPage';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { isoTime, limit, offset, pdId, pdIds, text } from './params';
import { CREATE, defineTool, READ, type ToolContext, type ToolDefinition } from './types';

const POST_TYPE = z.enum(['incident', 'maintenance']);
const pageId = pdId('status page');
const postId = pdId('status page post');

function pagePath(id: string, rest = '') {
  return `/status_pages/${encodeURIComponent(id)}${rest}`;
}

function postPath(page: string, post: string, rest = '') {
  return pagePath(page, `/posts/${encodeURIComponent(post)}${rest}`);
}

const listStatusPages = defineListTool({
  name: 'list_status_pages',
  title: 'List status pages',
  description: 'List status pages (public or private) with their ids, needed by the other status page tools.',
  toolset: 'status_pages',
  input: () => ({ status_page_type: z.enum(['public', 'private']).optional().describe('Only this type'), limit: limit(20, 100), offset }),
  from: { path: '/status_pages', key: 'status_pages', query: (args) => ({ status_page_type: args.status_page_type }) },
  show: { shape: shapeStatusPage, line: statusPageLine, label: 'Status pages', empty: 'No status pages.' },
});

/** Statuses, severities and impacts share one endpoint shape: /status_pages/{id}/<kind>. */
function levelTool(kind: 'statuses' | 'severities' | 'impacts', name: string, what: string): ToolDefinition {
  return defineListTool({
    name,
    title: `List status page ${kind}`,
    description: `List a status page's ${kind} (${what}); ids needed for posts and updates.`,
    toolset: 'status_pages',
    input: () => ({ status_page_id: pageId, post_type: POST_TYPE.optional().describe('Post type'), limit: limit(50, 100), offset }),
    from: { path: (args) => pagePath(args.status_page_id, `/${kind}`), key: kind, query: (args) => ({ post_type: args.post_type }) },
    show: { shape: shapeLevel, line: levelLine, label: (args) => `Status page ${args.status_page_id} ${kind}`, empty: `No ${kind}.` },
  });
}

const listPageServices = defineListTool({
  name: 'list_status_page_services',
  title: 'List status page services',
  description: "List a status page's services; their ids are what a post's impacted_service_ids name.",
  toolset: 'status_pages',
  extra: true,
  input: () => ({ status_page_id: pageId, limit: limit(50, 100), offset }),
  from: { path: (args) => pagePath(args.status_page_id, '/services'), key: 'services' },
  show: { shape: shapePageService, line: pageServiceLine, label: (args) => `Services of status page ${args.status_page_id}`, empty: 'No services.' },
});

const listPosts = defineListTool({
  name: 'list_status_page_posts',
  title: 'List status page posts',
  description: "List a status page's posts (incident or maintenance) with their ids; status_ids finds the current ones.",
  toolset: 'status_pages',
  extra: true,
  input: () => ({
    status_page_id: pageId,
    post_type: POST_TYPE.optional().describe('Only this post type'),
    status_ids: pdIds('status', 20).optional().describe("Only posts whose latest update's status is among these (list_status_page_statuses)"),
    limit: limit(20, 100),
    offset,
  }),
  from: {
    path: (args) => pagePath(args.status_page_id, '/posts'),
    key: 'posts',
    query: (args) => ({ post_type: args.post_type, status: args.status_ids }),
  },
  show: { shape: shapePost, line: postLine, label: (args) => `Posts of status page ${args.status_page_id}`, empty: 'No posts match.' },
});

const getPost = defineTool({
  name: 'get_status_page_post',
  title: 'Get status page post',
  description: 'Get a status page post (incident or maintenance) with its updates, oldest first.',
  toolset: 'status_pages',
  annotations: READ,
  input: () => ({
    status_page_id: pageId,
    post_id: postId,
    include_updates: z.boolean().default(true).describe('Include the full updates (else only their ids)'),
  }),
  output: () => objectOutput('post'),
  async handler(args, ctx) {
    const { post } = await ctx.client.get<{ post: Raw }>(postPath(args.status_page_id, args.post_id), {
      signal: ctx.signal,
      query: args.include_updates ? { 'include[]': ['status_page_post_update'] } : undefined,
    });
    const shaped = shapePost(post);
    return { text: fence('Status page post', postDetail(shaped)), structured: { post: shaped } };
  },
});

const listPostUpdates = defineListTool({
  name: 'list_status_page_post_updates',
  title: 'List status page post updates',
  description: "List a status page post's updates, oldest first; filter by review status.",
  toolset: 'status_pages',
  input: () => ({
    status_page_id: pageId,
    post_id: postId,
    reviewed_status: z.enum(['approved', 'not_reviewed']).optional().describe('Only updates with this review status'),
    limit: limit(20, 100),
    offset,
  }),
  from: {
    path: (args) => postPath(args.status_page_id, args.post_id, '/post_updates'),
    key: 'post_updates',
    query: (args) => ({ reviewed_status: args.reviewed_status }),
  },
  show: { shape: shapePostUpdate, line: postUpdateLine, label: (args) => `Updates of post ${args.post_id}`, empty: 'No updates.' },
});

/** The fields a post's first update and every later update share. */
const updateInput = {
  message: text('Update text shown on the status page', 10_000),
  status_id: pdId('status').describe('Status id (list_status_page_statuses)'),
  severity_id: pdId('severity').describe('Severity id (list_status_page_severities)'),
  impacted_service_ids: pdIds('status page service', 50).optional().describe('Status page service ids affected'),
  impact_id: pdId('impact').optional().describe('Impact for impacted_service_ids (list_status_page_impacts)'),
  notify_subscribers: z.boolean().default(false).describe('Notify the page subscribers'),
};

type UpdateArgs = { message: string; status_id: string; severity_id: string; impacted_service_ids?: string[]; impact_id?: string; notify_subscribers: boolean };

function updateBody(args: UpdateArgs, post?: string) {
  if (args.impacted_service_ids && !args.impact_id) {
    throw new PagerDutyError('invalid_request', 'impacted_service_ids needs impact_id (the impact level for those services; see list_status_page_impacts).');
  }
  if (args.impact_id && !args.impacted_service_ids) {
    throw new PagerDutyError('invalid_request', 'impact_id applies to impacted_service_ids; give the affected status page service ids too.');
  }
  return {
    type: 'status_page_post_update',
    ...(post ? { post: { id: post, type: 'status_page_post' } } : {}),
    message: args.message,
    status: { id: args.status_id, type: 'status_page_status' },
    severity: { id: args.severity_id, type: 'status_page_severity' },
    impacted_services: (args.impacted_service_ids ?? []).map((id) => ({
      service: { id, type: 'status_page_service' },
      impact: { id: args.impact_id, type: 'status_page_impact' },
    })),
    update_frequency_ms: null,
    notify_subscribers: args.notify_subscribers,
  };
}

const createPost = defineTool({
  name: 'create_status_page_post',
  title: 'Create status page post',
  description:
    'Publish an incident or maintenance post on a status page with its first update. Maintenance needs starts_at and ends_at; an ongoing incident needs neither.',
  toolset: 'status_pages',
  annotations: CREATE,
  input: () => ({
    status_page_id: pageId,
    title: text('Post title', 128),
    post_type: POST_TYPE.describe('incident or maintenance'),
    starts_at: isoTime('When it starts (maintenance)').optional(),
    ends_at: isoTime('When it ends (maintenance)').optional(),
    ...updateInput,
  }),
  output: () => objectOutput('post'),
  async handler(args, ctx) {
    if (args.post_type === 'maintenance' && (!args.starts_at || !args.ends_at)) {
      throw new PagerDutyError('invalid_request', 'A maintenance post needs both starts_at and ends_at.');
    }
    if (args.starts_at && args.ends_at && Date.parse(args.starts_at) >= Date.parse(args.ends_at)) {
      throw new PagerDutyError('invalid_request', 'ends_at must be after starts_at.');
    }
    const { post } = await ctx.client.request<{ post: Raw }>('POST', pagePath(args.status_page_id, '/posts'), {
      signal: ctx.signal,
      body: {
        post: {
          type: 'status_page_post',
          title: args.title,
          post_type: args.post_type,
          starts_at: args.starts_at ?? null,
          ends_at: args.ends_at ?? null,
          updates: [updateBody(args)],
          status_page: { id: args.status_page_id, type: 'status_page' },
        },
      },
    });
    const shaped = shapePost(post);
    const notified = args.notify_subscribers ? ' Subscribers were notified.' : '';
    return { text: `Created post ${shaped.id}.${notified}\n${fence('Status page post', postDetail(shaped))}`, structured: { post: shaped } };
  },
});

const createPostUpdate = defineTool({
  name: 'create_status_page_post_update',
  title: 'Add update to status page post',
  description: 'Add an update (message, status, severity, impacted services) to an existing status page post.',
  toolset: 'status_pages',
  annotations: CREATE,
  input: () => ({ status_page_id: pageId, post_id: postId, ...updateInput }),
  output: () => objectOutput('post_update'),
  async handler(args, ctx: ToolContext) {
    const { post_update: update } = await ctx.client.request<{ post_update: Raw }>('POST', postPath(args.status_page_id, args.post_id, '/post_updates'), {
      signal: ctx.signal,
      body: { post_update: updateBody(args, args.post_id) },
    });
    const shaped = shapePostUpdate(update);
    return { text: `Added update ${shaped.id} to post ${args.post_id}.\n${fence('Update', postUpdateLine(shaped))}`, structured: { post_update: shaped } };
  },
});

export const statusPagesTools: ToolDefinition[] = [
  listStatusPages,
  levelTool('statuses', 'list_status_page_statuses', 'e.g. investigating, resolved'),
  levelTool('severities', 'list_status_page_severities', 'e.g. minor, major'),
  levelTool('impacts', 'list_status_page_impacts', 'e.g. degraded, outage'),
  listPageServices,
  listPosts,
  getPost,
  listPostUpdates,
  createPost,
  createPostUpdate,
];
