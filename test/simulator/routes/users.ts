/** /users, /users/{id} and /users/me (which needs a user token, as on PagerDuty). */
import { invalidInput } from '../errors';
import { paginate } from '../render';
import type { Route } from '../router';
import { includes, listParam } from './params';
import { byName, getOr404, matchesQuery } from './lookup';

export function userRoutes(route: Route): void {
  route('GET', '/users', ({ query, state, render }) => {
    const teams = new Set(listParam(query, 'team_ids'));
    const users = [...state.users.values()]
      .filter((u) => (matchesQuery(u.name, query) || matchesQuery(u.email, query)) && (!teams.size || [...teams].some((t) => state.teams.get(t)?.members.has(u.id))))
      .sort(byName);
    const { page, meta } = paginate(users, query);
    const include = includes(query);
    return { status: 200, body: { users: page.map((u) => render.user(u, include)), ...meta } };
  });

  route('GET', '/users/me', ({ caller, query, render }) => {
    if (!caller.user) {
      throw invalidInput('Because this request was made using an account-level access token, we were unable to determine the user\'s identity. Please use a user-level token.');
    }
    return { status: 200, body: { user: render.user(caller.user, includes(query)) } };
  });

  route('GET', '/users/{id}', ({ params, query, state, render }) => ({
    status: 200,
    body: { user: render.user(getOr404(state.users, params.id), includes(query)) },
  }));
}
