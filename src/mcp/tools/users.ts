import { z } from 'zod';
import { compact, type Raw } from '../shape/common';
import { shapeUser, userDetail, userLine } from '../shape/user';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { isTimeZone, limit, offset, pdId, pdIds, text } from './params';
import { CREATE, defineTool, READ } from './types';

const ROLES = ['admin', 'limited_user', 'observer', 'owner', 'read_only_user', 'restricted_access', 'read_only_limited_user', 'user'] as const;

const getUserData = defineTool({
  name: 'get_user_data',
  title: 'Get user',
  description: "Get your own PagerDuty user (default) or another user by id: email, role, time zone, teams.",
  toolset: 'teams_users',
  annotations: READ,
  input: () => ({ user_id: pdId('user').optional().describe('Default: the current user') }),
  output: () => objectOutput('user'),
  async handler(args, ctx) {
    const raw = args.user_id
      ? (await ctx.client.get<{ user: Raw }>(`/users/${encodeURIComponent(args.user_id)}`, { signal: ctx.signal, query: { include: ['teams'] } })).user
      : ((await ctx.client.me(ctx.signal)) as unknown as Raw);
    const shaped = shapeUser(raw);
    return { text: fence(args.user_id ? 'User' : 'Current user', userDetail(shaped)), structured: { user: shaped } };
  },
});

const listUsers = defineListTool({
  name: 'list_users',
  title: 'List users',
  description: 'List users by name, with email, role and teams. Filter by name/email or team; page with offset.',
  toolset: 'teams_users',
  input: () => ({
    query: z.string().trim().min(1).max(200).optional().describe('Filter by name or email (substring)'),
    team_ids: pdIds('team').optional(),
    limit: limit(25),
    offset,
  }),
  from: { path: '/users', key: 'users', query: (args) => ({ query: args.query, team_ids: args.team_ids }) },
  show: { shape: shapeUser, line: userLine, label: 'Users', empty: 'No users match.' },
});

const createUser = defineTool({
  name: 'create_user',
  title: 'Create user',
  description: 'Create (invite) a user on the account. Role defaults to "user".',
  toolset: 'teams_users',
  annotations: CREATE,
  input: () => ({
    name: text('Full name', 100),
    email: z.email().max(100).describe('Email (login and notifications)'),
    role: z.enum(ROLES).default('user').describe('Account role'),
    time_zone: z
      .string()
      .trim()
      .refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/Berlin or America/New_York' })
      .optional()
      .describe('IANA zone, e.g. Europe/Berlin (default: account zone)'),
    job_title: z.string().trim().max(100).optional().describe('Job title'),
  }),
  output: () => objectOutput('user'),
  async handler(args, ctx) {
    const { user } = await ctx.client.request<{ user: Raw }>('POST', '/users', {
      signal: ctx.signal,
      needsFrom: true,
      body: { user: compact({ type: 'user', name: args.name, email: args.email, role: args.role, time_zone: args.time_zone, job_title: args.job_title }) },
    });
    const shaped = shapeUser(user);
    return { text: fence('Created user', userDetail(shaped)), structured: { user: shaped } };
  },
});

export const usersTools = [getUserData, listUsers, createUser];
