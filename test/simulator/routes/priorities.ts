/** /priorities: the account's P1–P5. */
import { paginate } from '../render';
import type { Route } from '../router';

export function priorityRoutes(route: Route): void {
  route('GET', '/priorities', ({ query, state, render }) => {
    const { page, meta } = paginate([...state.priorities.values()], query);
    return { status: 200, body: { priorities: page.map((p) => render.priority(p)), ...meta } };
  });
}
