/**
 * Incidents whose alerts carry real stack traces (Node, Python, Go, Java, Ruby) pointing into the fixture workspace
 * `test/fixtures/payments-workspace`, whose catalog-info.yaml names the service seeded here by its fixed id.
 * Opt-in (`startSimulator({ codeIncidents: true })`), so the default account, and every test counting it, is unchanged.
 */
import type { SimState, UserRec } from '../state';
import { changeEventsState } from './changeEvents';
import { DAY, MINUTE, iso } from '../time';

/** The fixture's catalog-info.yaml names these. */
export const CODE_SERVICE = { id: 'PPAYAPI', name: 'Payments API' } as const;
/** The key of its Events API v2 integration (a fixture catalog-info.yaml may name the service by it). */
export const CODE_INTEGRATION_KEY = 'b7c1e0f2a9d84c3e8f6a5b4c3d2e1f0a';
/** The commit a change event names (also what the fixture's history may not have: the page then links out). */
export const CODE_COMMIT = '3f2a9c1d0b7e4f5a6c8d9e0f1a2b3c4d5e6f7a8b';

export const CODE_TRACES = {
  node: `TypeError: Cannot read properties of undefined (reading 'amount')
    at chargeCard (/app/src/payments/charge.ts:12:27)
    at processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async handle (/app/src/server.ts:8:3)
    at async /app/node_modules/express/lib/router/layer.js:95:5`,
  python: `Traceback (most recent call last):
  File "/usr/src/app/workers/refund.py", line 9, in refund
    return gateway.refund(order["id"], order["amount"])
  File "/usr/local/lib/python3.12/site-packages/requests/api.py", line 59, in request
KeyError: 'amount'`,
  go: `panic: runtime error: invalid memory address or nil pointer dereference
goroutine 17 [running]:
main.(*Ledger).Post(0x0, {0xc0001a2000, 0x24})
	/go/src/app/cmd/ledger/main.go:14 +0x3a
main.main()
	/go/src/app/cmd/ledger/main.go:22 +0x85`,
  java: `java.net.SocketTimeoutException: Read timed out
	at com.acme.payments.Gateway.capture(Gateway.java:9)
	at com.acme.payments.Gateway.captureWithRetry(Gateway.java:17)
	at java.base/java.lang.Thread.run(Thread.java:833)`,
  ruby: `/app/app/models/invoice.rb:6:in 'Invoice#total': undefined method 'sum' for nil (NoMethodError)
	from /app/app/jobs/invoice_job.rb:4:in 'InvoiceJob#perform'`,
};

export function seedCodeIncidents(state: SimState, me: Pick<UserRec, 'id' | 'name'>, now: number): void {
  const platform = [...state.escalationPolicies.values()][0]!;
  state.services.set(CODE_SERVICE.id, {
    id: CODE_SERVICE.id,
    name: CODE_SERVICE.name,
    description: 'Card payments and refunds (production)',
    status: 'active',
    escalationPolicyId: platform.id,
    teamIds: platform.teamIds,
    created_at: iso(now - 300 * DAY),
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 1800,
    alert_creation: 'create_alerts_and_incidents',
    integrationKey: CODE_INTEGRATION_KEY,
  });
  const incident = (spec: { title: string; status: 'triggered' | 'acknowledged' | 'resolved'; createdAgo: number; resolvedAfter?: number; alerts: { summary: string; trace: string; at?: number }[]; note?: string }) => {
    const id = state.newId('Q', 14);
    const t = now - spec.createdAgo;
    const ackAt = t + 3 * MINUTE;
    const resolvedAt = spec.resolvedAfter !== undefined ? t + spec.resolvedAfter : null;
    const last = resolvedAt ?? (spec.status === 'acknowledged' ? ackAt : t);
    const number = state.nextIncidentNumber;
    state.addIncident({
      id,
      number,
      title: spec.title,
      details: `${spec.title}. ${spec.alerts[0]!.trace}`,
      status: spec.status,
      urgency: 'high',
      created_at: iso(t),
      updated_at: iso(last),
      last_status_change_at: iso(last),
      lastStatusChangeBy: spec.status === 'triggered' ? { type: 'service_reference', id: CODE_SERVICE.id } : { type: 'user_reference', id: me.id },
      resolved_at: resolvedAt === null ? null : iso(resolvedAt),
      serviceId: CODE_SERVICE.id,
      escalationPolicyId: platform.id,
      escalationLevel: 1,
      priorityId: [...state.priorities.keys()][0] ?? null,
      incident_key: `payments-${number}`,
      assignments: spec.status === 'resolved' ? [] : [{ userId: me.id, at: iso(t) }],
      acknowledgements: spec.status === 'acknowledged' ? [{ userId: me.id, at: iso(ackAt) }] : [],
      teamIds: platform.teamIds,
      firstTriggerLogEntryId: '',
      responderRequests: [],
    });
    const log = (type: 'trigger_log_entry' | 'acknowledge_log_entry' | 'resolve_log_entry' | 'annotate_log_entry', at: number, summary: string, agent = { type: 'user_reference' as 'user_reference' | 'service_reference', id: me.id }, channel = 'website') => {
      const entry = { id: state.newId('R', 26), type, created_at: iso(at), incidentId: id, agent, channel, summary };
      state.addLogEntry(entry);
      return entry;
    };
    state.incidents.get(id)!.firstTriggerLogEntryId = log('trigger_log_entry', t, 'Triggered through the API.', { type: 'service_reference', id: CODE_SERVICE.id }, 'api').id;
    if (spec.status !== 'triggered') log('acknowledge_log_entry', ackAt, `Acknowledged by ${me.name}.`);
    state.alerts.set(
      id,
      spec.alerts.map((a, k) => ({
        id: state.newId('Q', 14),
        incidentId: id,
        status: spec.status === 'resolved' ? 'resolved' : 'triggered',
        created_at: iso(t + (a.at ?? k) * MINUTE),
        alert_key: `payments-${number}-${k}`,
        summary: a.summary,
        severity: 'error',
        details: { service: 'payments-api', environment: 'production', stack: a.trace },
      })),
    );
    if (spec.note) {
      state.notes.set(id, [{ id: state.newId(), incidentId: id, userId: me.id, content: spec.note, created_at: iso(ackAt + MINUTE) }]);
      log('annotate_log_entry', ackAt + MINUTE, 'Note added.', undefined, 'note');
    }
    if (resolvedAt !== null) log('resolve_log_entry', resolvedAt, `Resolved by ${me.name}.`);
    return id;
  };

  incident({
    title: 'Payment processing degraded',
    status: 'triggered',
    createdAgo: 12 * MINUTE,
    alerts: [
      { summary: 'charge failed: TypeError in chargeCard', trace: CODE_TRACES.node },
      { summary: 'refund worker crashed: KeyError', trace: CODE_TRACES.python },
    ],
  });
  incident({
    title: 'Ledger posting panics',
    status: 'acknowledged',
    createdAgo: 50 * MINUTE,
    alerts: [{ summary: 'ledger: nil pointer dereference', trace: CODE_TRACES.go }],
    note: 'Started after the retry change; see src/payments/retry.ts:5 and the deploy.',
  });
  incident({
    title: 'Card capture timeouts',
    status: 'resolved',
    createdAgo: 9 * DAY,
    resolvedAfter: 95 * MINUTE,
    alerts: [
      { summary: 'gateway capture timed out', trace: CODE_TRACES.java },
      { summary: 'invoice totals failing', trace: CODE_TRACES.ruby, at: 7 },
    ],
    note: 'Raised the gateway timeout in src/main/java/com/acme/payments/Gateway.java:9; follow-up on retries.',
  });

  // The deploy that preceded the triggered incident names its commit, as CI integrations send it.
  const changes = changeEventsState(state, now);
  changes.integrationByService.set(CODE_SERVICE.id, changes.integrationByService.get(CODE_SERVICE.id) ?? state.newId());
  changes.events.unshift({
    id: state.newId('Q', 14),
    summary: 'Deploy payments-api: retry card charges once',
    timestamp: iso(now - 40 * MINUTE),
    source: 'github-actions',
    serviceIds: [CODE_SERVICE.id],
    integrationId: changes.integrationByService.get(CODE_SERVICE.id)!,
    links: [{ href: `https://github.example/acme/payments-api/commit/${CODE_COMMIT}`, text: 'Commit' }],
    custom_details: { environment: 'production', commit: CODE_COMMIT, files: ['src/payments/charge.ts', 'src/payments/retry.ts'] },
  });
  changes.events.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
}
