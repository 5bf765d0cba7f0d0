import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, type Raw } from '../shape/common';
import { memberLine, shapeMember, shapeTeam, teamLine, type TeamSummary } from '../shape/team';
import { fence } from '../../model/untrusted';
import { item, listAnswer, listOutput, objectOutput } from './output';
import { limit, offset, pdId, query, text } from './params';
import { CREATE, defineTool, DESTRUCTIVE, READ, UPDATE, type ToolContext } from './types';

const teamId = pdId('team');
const userId = pdId('user');
const DEFAULT_ROLE = z.enum(['manager', 'none']).optional().describe('manager = public team, none = private');
const MEMBER_ROLE = z.enum(['observer', 'responder', 'manager']);

function teamPath(id: string, rest = '') {
  return `/teams/${encodeURIComponent(id)}${rest}`;
}

/** Members shown per team by list_teams, and the most teams one such call reads members of (one request each). */
const MEMBERS_PER_TEAM = 20;
const TEAMS_WITH_MEMBERS = 25;

/** A page of a team's members, each with the user's name and email (include[]=users). */
function readMembers(ctx: ToolContext, teamId: string, limit: number, offset?: number) {
  return ctx.client.list<Raw>(teamPath(teamId, '/members'), 'members', { signal: ctx.signal, limit, offset, query: { include: ['users'] } });
}

/** The first members of each team, read in parallel: a page of teams with members costs one request per team. */
async function withMembers(teams: TeamSummary[], ctx: ToolContext): Promise<TeamSummary[]> {
  return Promise.all(
    teams.map(async (team) => {
      const page = await readMembers(ctx, team.id, MEMBERS_PER_TEAM);
      const members = page.items.map(shapeMember);
      return { ...team, members, ...(page.more ? { members_more: true, members_total: page.total } : {}) };
    }),
  );
}

const listTeams = defineTool({
  name: 'list_teams',
  title: 'List teams',
  description: 'List teams by name. scope "my" = the teams you belong to. Filter by name; page with offset.',
  toolset: 'teams_users',
  annotations: READ,
  addedOptions: ['include_members'],
  input: () => ({
    scope: z.enum(['all', 'my']).default('all').describe('my = teams I belong to'),
    query,
    include_members: z.boolean().optional().describe(`Add each team's first ${MEMBERS_PER_TEAM} members (limit ≤ ${TEAMS_WITH_MEMBERS})`),
    limit: limit(25),
    offset,
  }),
  output: () => listOutput('teams'),
  async handler(args, ctx) {
    if (args.include_members && args.limit > TEAMS_WITH_MEMBERS) {
      throw new PagerDutyError(
        'invalid_request',
        `include_members reads each team's members with one request per team, so limit must be at most ${TEAMS_WITH_MEMBERS} with it (got ${args.limit}); page on with offset.`,
      );
    }
    let page: { items: Raw[]; more: boolean; total?: number; nextOffset?: number };
    if (args.scope === 'my') {
      // /users/me already lists the user's teams, so there is no need to scan every team of the account.
      const wanted = args.query?.toLowerCase();
      const mine = ((await ctx.client.me(ctx.signal)).teams ?? []).filter(
        (t) => !wanted || String(t.summary ?? '').toLowerCase().includes(wanted),
      );
      const start = args.offset ?? 0;
      const end = start + args.limit;
      page = { items: mine.slice(start, end), more: end < mine.length, total: mine.length, nextOffset: end < mine.length ? end : undefined };
    } else {
      page = await ctx.client.list<Raw>('/teams', 'teams', { signal: ctx.signal, limit: args.limit, offset: args.offset, query: { query: args.query } });
    }
    const shaped = page.items.map(shapeTeam);
    const teams = args.include_members ? await withMembers(shaped, ctx) : shaped;
    const empty = args.scope === 'my' ? 'You are not a member of any matching team.' : 'No teams match.';
    return listAnswer({ label: `Teams (scope: ${args.scope})`, key: 'teams', items: teams, line: teamLine, page, offset: args.offset, empty });
  },
});

const getTeam = defineTool({
  name: 'get_team',
  title: 'Get team',
  description: 'Get one team: name, description, visibility (default_role), link.',
  toolset: 'teams_users',
  annotations: READ,
  input: () => ({ team_id: teamId }),
  output: () => objectOutput('team'),
  async handler(args, ctx) {
    const { team } = await ctx.client.get<{ team: Raw }>(teamPath(args.team_id), { signal: ctx.signal });
    const shaped = shapeTeam(team);
    return { text: fence('Team', teamLine(shaped)), structured: { team: shaped } };
  },
});

const listMembers = defineTool({
  name: 'list_team_members',
  title: 'List team members',
  description: 'List the members of a team with their email and team role (manager, responder, observer).',
  toolset: 'teams_users',
  annotations: READ,
  input: () => ({ team_id: teamId, limit: limit(50), offset }),
  output: () => listOutput('members'),
  async handler(args, ctx) {
    const page = await readMembers(ctx, args.team_id, args.limit, args.offset);
    const members = page.items.map(shapeMember);
    return listAnswer({ label: `Members of team ${args.team_id}`, key: 'members', items: members, line: memberLine, page, offset: args.offset, empty: 'The team has no members.' });
  },
});

const createTeam = defineTool({
  name: 'create_team',
  title: 'Create team',
  description: 'Create a team.',
  toolset: 'teams_users',
  annotations: CREATE,
  input: () => ({
    name: text('Team name', 100),
    description: z.string().max(1024).optional().describe('Team description'),
    default_role: DEFAULT_ROLE,
  }),
  output: () => objectOutput('team'),
  async handler(args, ctx) {
    const { team } = await ctx.client.request<{ team: Raw }>('POST', '/teams', {
      signal: ctx.signal,
      body: { team: compact({ type: 'team', name: args.name, description: args.description, default_role: args.default_role }) },
    });
    const shaped = shapeTeam(team);
    return { text: fence('Created team', teamLine(shaped)), structured: { team: shaped } };
  },
});

const updateTeam = defineTool({
  name: 'update_team',
  title: 'Update team',
  description: 'Change only the given fields of a team (reads it first when no name is given, as the API requires one).',
  toolset: 'teams_users',
  annotations: UPDATE,
  input: () => ({
    team_id: teamId,
    name: text('New name', 100).optional(),
    description: z.string().max(1024).optional().describe('New description ("" clears it)'),
    default_role: DEFAULT_ROLE,
  }),
  output: () => objectOutput('team'),
  async handler(args, ctx) {
    if (args.name === undefined && args.description === undefined && args.default_role === undefined) {
      throw new PagerDutyError('invalid_request', 'Nothing to change: give at least one of name, description, default_role.');
    }
    const name = args.name ?? (await ctx.client.get<{ team: Raw }>(teamPath(args.team_id), { signal: ctx.signal })).team.name;
    const { team } = await ctx.client.request<{ team: Raw }>('PUT', teamPath(args.team_id), {
      signal: ctx.signal,
      body: { team: compact({ type: 'team', name, description: args.description, default_role: args.default_role }) },
    });
    const shaped = shapeTeam(team);
    return { text: fence('Updated team', teamLine(shaped)), structured: { team: shaped } };
  },
});

const deleteTeam = defineTool({
  name: 'delete_team',
  title: 'Delete team',
  description: 'Delete a team that no longer owns escalation policies, services or schedules. Its open incidents move to reassignment_team_id.',
  toolset: 'teams_users',
  annotations: DESTRUCTIVE,
  input: () => ({ team_id: teamId, reassignment_team_id: pdId('team').optional().describe('Takes over open incidents (default: none)') }),
  output: () => ({ deleted: item }),
  async handler(args, ctx) {
    if (args.reassignment_team_id === args.team_id) {
      throw new PagerDutyError('invalid_request', 'reassignment_team_id must be a different team than team_id.');
    }
    await ctx.client.request('DELETE', teamPath(args.team_id), {
      signal: ctx.signal,
      query: { reassignment_team: args.reassignment_team_id },
    });
    // PagerDuty moves the incidents asynchronously after answering.
    const reassigned = args.reassignment_team_id ? ` Its open incidents are being moved to team ${args.reassignment_team_id}.` : '';
    return {
      text: `Team ${args.team_id} deleted.${reassigned}`,
      structured: { deleted: compact({ team_id: args.team_id, reassignment_team_id: args.reassignment_team_id }) },
    };
  },
});

const addMember = defineTool({
  name: 'add_team_member',
  title: 'Add team member',
  description: 'Add a user to a team, or change their role on it if already a member.',
  toolset: 'teams_users',
  annotations: UPDATE,
  input: () => ({ team_id: teamId, user_id: userId, role: MEMBER_ROLE.default('responder').describe('Role on the team') }),
  output: () => ({ membership: item }),
  async handler(args, ctx) {
    await ctx.client.request('PUT', teamPath(args.team_id, `/users/${encodeURIComponent(args.user_id)}`), {
      signal: ctx.signal,
      body: { role: args.role },
    });
    const membership = { team_id: args.team_id, user_id: args.user_id, role: args.role };
    return { text: `User ${args.user_id} is now a ${args.role} of team ${args.team_id}.`, structured: { membership } };
  },
});

const removeMember = defineTool({
  name: 'remove_team_member',
  title: 'Remove team member',
  description: 'Remove a user from a team.',
  toolset: 'teams_users',
  annotations: DESTRUCTIVE,
  input: () => ({ team_id: teamId, user_id: userId }),
  output: () => ({ removed: item }),
  async handler(args, ctx) {
    await ctx.client.request('DELETE', teamPath(args.team_id, `/users/${encodeURIComponent(args.user_id)}`), { signal: ctx.signal });
    return {
      text: `User ${args.user_id} removed from team ${args.team_id}.`,
      structured: { removed: { team_id: args.team_id, user_id: args.user_id } },
    };
  },
});

export const teamsTools = [getTeam, listTeams, listMembers, createTeam, updateTeam, deleteTeam, addMember, removeMember];
