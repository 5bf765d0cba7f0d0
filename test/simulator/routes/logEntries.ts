/** Log entries, account-wide and per incident; newest first, as PagerDuty lists them. */
import type { HandlerContext } from '../router';
import { paginate } from '../render';
import type { Route } from '../router';
import type { LogEntryRec } from '../state';
import { getOr404 } from './lookup';
import { findIncident } from './incidents';
import { includes, listParam, timeParam } from './params';

/** Entry types shown when `is_overview=true`: the state changes, not every notification. */
const OVERVIEW = new Set(['trigger_log_entry', 'acknowledge_log_entry', 'resolve_log_entry', 'assign_log_entry', 'escalate_log_entry']);

export function logEntryRoutes(route: Route): void {
  route('GET', '/log_entries', (ctx) => {
    const teams = new Set(listParam(ctx.query, 'team_ids'));
    const entries = [...ctx.state.logEntries.values()].filter(
      (e) => !teams.size || (ctx.state.incidents.get(e.incidentId)?.teamIds ?? []).some((t) => teams.has(t)),
    );
    return listed(ctx, entries);
  });

  route('GET', '/log_entries/{id}', ({ params, query, state, render }) => ({
    status: 200,
    body: { log_entry: render.logEntry(getOr404(state.logEntries, params.id), includes(query)) },
  }));

  route('GET', '/incidents/{id}/log_entries', (ctx) => {
    const incident = findIncident(ctx.state, ctx.params.id);
    return listed(ctx, ctx.state.logEntriesByIncident.get(incident.id) ?? []);
  });
}

function listed({ query, render }: HandlerContext, entries: LogEntryRec[]) {
  const since = timeParam(query, 'since') ?? -Infinity;
  const until = timeParam(query, 'until') ?? Infinity;
  const overview = query.get('is_overview') === 'true';
  // Reversed first so that, after the stable sort, entries written in the same second stay newest first.
  const filtered = [...entries]
    .reverse()
    .filter((e) => {
      const t = Date.parse(e.created_at);
      return t >= since && t < until && (!overview || OVERVIEW.has(e.type));
    })
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  const { page, meta } = paginate(filtered, query);
  const include = includes(query);
  return { status: 200, body: { log_entries: page.map((e) => render.logEntry(e, include)), ...meta } };
}
