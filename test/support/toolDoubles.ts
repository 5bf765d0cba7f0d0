/**
 * In-process doubles for unit tests of the client and the tools: a PagerDutyClient over a fake fetch, the full
 * toolbox, a tool context at a fixed time, and small builders of PagerDuty bodies.
 */
import assert from 'node:assert/strict';
import { Toolbox } from '../../src/mcp/registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../../src/mcp/tools';
import { TOOLSETS, type ToolContext } from '../../src/mcp/tools/types';
import { PagerDutyClient } from '../../src/pagerduty/client';
import type { PagerDutyError } from '../../src/pagerduty/errors';

export type Handler = (url: string, init: RequestInit) => Promise<Response> | Response;

/** A client whose every request `handler` answers (no network). */
export function clientWith(handler: Handler, options: { token?: string; deadlineMs?: number } = {}) {
  const fetchImpl = (async (url: string, init: RequestInit) => handler(url, init)) as unknown as typeof fetch;
  return new PagerDutyClient({ token: options.token ?? 'hardening-test-token', baseUrl: 'http://127.0.0.1:1', fromEmail: 'a@example.com', deadlineMs: options.deadlineMs, fetchImpl });
}

/** The error a call ends with (failing the test if it succeeds). */
export const failure = (call: Promise<unknown>): Promise<PagerDutyError> =>
  call.then(
    () => assert.fail('expected the call to fail'),
    (e: PagerDutyError) => e,
  );

/** A JSON response, as PagerDuty sends one. */
export const respondJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Every tool, writes included. */
export function fullToolbox(structuredOutput = true) {
  return new Toolbox(ALL_TOOLS, { enableWrites: true, toolsets: TOOLSETS, structuredOutput }, DEFAULT_TOOLSETS);
}

export const ctxOf = (client: PagerDutyClient): ToolContext => ({ client, now: () => new Date('2026-11-25T10:00:00Z') });
export const textOf = (r: { content: { text: string }[] }) => r.content.map((c) => c.text).join('\n');

/** A PagerDuty incident body numbered `n`. */
export function incidentBody(n: number, title = `Incident ${n}`) {
  return {
    id: `Q${String(n).padStart(6, '0')}`,
    incident_number: n,
    title,
    status: 'triggered',
    urgency: 'high',
    created_at: '2026-11-25T09:00:00Z',
    html_url: `https://example.pagerduty.com/incidents/Q${n}`,
    service: { id: 'PSVC1', summary: 'Checkout' },
  };
}
