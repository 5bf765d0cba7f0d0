/** /teams: list, get, create, update, delete, members and membership changes. */
import { invalidInput } from '../errors';
import { paginate } from '../render';
import type { Route } from '../router';
import type { TeamRole } from '../state';
import { objectBody } from './params';
import { byName, getOr404, matchesQuery } from './lookup';

export function teamRoutes(route: Route): void {
  route('GET', '/teams', ({ query, state, render }) => {
    const teams = [...state.teams.values()].filter((t) => matchesQuery(t.name, query)).sort(byName);
    const { page, meta } = paginate(teams, query);
    return { status: 200, body: { teams: page.map((t) => render.team(t)), ...meta } };
  });

  route('GET', '/teams/{id}', ({ params, state, render }) => ({ status: 200, body: { team: render.team(getOr404(state.teams, params.id)) } }));

  route('POST', '/teams', ({ body, state, render }) => {
    const input = objectBody(body, 'team');
    if (typeof input.name !== 'string' || !input.name.trim()) throw invalidInput('team.name is required');
    if ([...state.teams.values()].some((t) => t.name === input.name)) throw invalidInput('Name has already been taken');
    const team = { id: state.newId(), name: input.name, description: typeof input.description === 'string' ? input.description : '', members: new Map<string, TeamRole>() };
    state.teams.set(team.id, team);
    return { status: 201, body: { team: render.team(team) } };
  });

  route('PUT', '/teams/{id}', ({ params, body, state, render }) => {
    const team = getOr404(state.teams, params.id);
    const input = objectBody(body, 'team');
    if (typeof input.name === 'string') team.name = input.name;
    if (typeof input.description === 'string') team.description = input.description;
    return { status: 200, body: { team: render.team(team) } };
  });

  route('DELETE', '/teams/{id}', ({ params, state }) => {
    getOr404(state.teams, params.id);
    state.teams.delete(params.id);
    for (const s of state.services.values()) s.teamIds = s.teamIds.filter((t) => t !== params.id);
    for (const p of state.escalationPolicies.values()) p.teamIds = p.teamIds.filter((t) => t !== params.id);
    return { status: 204 };
  });

  route('GET', '/teams/{id}/members', ({ params, query, state, render }) => {
    const team = getOr404(state.teams, params.id);
    const members = [...team.members.entries()].map(([userId, role]) => ({ userId, role }));
    const { page, meta } = paginate(members, query);
    const expand = query.getAll('include[]').includes('users');
    return {
      status: 200,
      body: {
        members: page.map((m) => ({ user: expand ? render.user(state.users.get(m.userId)!) : render.ref('user', m.userId), role: m.role })),
        ...meta,
      },
    };
  });

  route('PUT', '/teams/{id}/users/{user_id}', ({ params, body, state }) => {
    const team = getOr404(state.teams, params.id);
    getOr404(state.users, params.user_id);
    const role = (body as { role?: unknown } | undefined)?.role ?? 'responder';
    if (role !== 'observer' && role !== 'responder' && role !== 'manager') throw invalidInput('role must be observer, responder or manager');
    team.members.set(params.user_id, role);
    return { status: 204 };
  });

  route('DELETE', '/teams/{id}/users/{user_id}', ({ params, state }) => {
    const team = getOr404(state.teams, params.id);
    if (!team.members.delete(params.user_id)) throw invalidInput('User is not a member of this team');
    return { status: 204 };
  });
}
