/**
 * Asking the person on 2026-07-28, without a session (multi round-trip requests): a question the call has no answer
 * for ends it with `input_required`; the client asks the person and sends the same call again with the answer. The
 * call then runs again from the start, against PagerDuty's data as it is now, so an answer counts only for the very
 * question it answers (keyed by a hash of the question's text and choices): if the choices changed, it is asked anew.
 * Earlier rounds' answers ride in `requestState`, sealed with an HMAC keyed by the request's own token and bound to
 * the call (tool and arguments), so any replica serving that token can check it, and an altered, forged, expired or
 * borrowed state is refused before anything runs. Nothing is kept between rounds.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/server';

/** A sealed state older than this is refused: a person answers within minutes, as the 2025 question's timeout. */
const STATE_TTL_MS = 10 * 60_000;
const ACTIONS = new Set(['accept', 'decline', 'cancel']);

/** Thrown through the tool when it asks a question this call has no answer for yet: the call answers input_required. */
export class InputNeeded extends Error {
  constructor(
    readonly key: string,
    readonly params: ElicitRequestFormParams,
  ) {
    super('the person has not answered yet');
  }
}

/** The state did not verify: the call runs nothing and says so. */
export class StaleAnswers extends Error {}

export function questionKey(params: ElicitRequestFormParams): string {
  return `ask-${createHash('sha256').update(JSON.stringify([params.message, params.requestedSchema])).digest('hex').slice(0, 16)}`;
}

/** An answer as the client sent it, if it has an answer's shape (else it is no answer, and the question is asked again). */
function answerOf(value: unknown): ElicitResult | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { action, content } = value as { action?: unknown; content?: unknown };
  if (typeof action !== 'string' || !ACTIONS.has(action)) return undefined;
  if (content !== undefined && (typeof content !== 'object' || content === null || Array.isArray(content))) return undefined;
  return { action: action as ElicitResult['action'], ...(content ? { content: content as ElicitResult['content'] } : {}) };
}

export class MultiRound {
  private readonly key: Buffer;
  private readonly call: string;

  /** `token`: the request's PagerDuty token (the seal's key, never sent); `name`/`args`: the call the state is bound to. */
  constructor(token: string, name: string, args: unknown, private readonly now = () => Date.now()) {
    this.key = createHmac('sha256', token).update('pagerduty-mcp/requestState/v1').digest();
    this.call = createHash('sha256').update(JSON.stringify([name, args ?? {}])).digest('base64url');
  }

  /** The answers this round knows: earlier rounds' (from a state that verifies) and this round's inputResponses. */
  answers(state: unknown, responses: Record<string, unknown> | undefined): Record<string, ElicitResult> {
    const answers: Record<string, ElicitResult> = state === undefined ? {} : this.open(state);
    for (const [key, value] of Object.entries(responses ?? {})) {
      const answer = answerOf(value);
      if (answer && key.startsWith('ask-')) answers[key] = answer;
    }
    return answers;
  }

  /** An elicit for ToolContext that answers from `answers`, or throws InputNeeded for a question not answered yet. */
  elicit(answers: Record<string, ElicitResult>) {
    return async (params: ElicitRequestFormParams): Promise<ElicitResult> => {
      const key = questionKey(params);
      const answer = answers[key];
      if (!answer) throw new InputNeeded(key, params);
      return answer;
    };
  }

  seal(answers: Record<string, ElicitResult>): string {
    const body = Buffer.from(JSON.stringify({ c: this.call, e: this.now() + STATE_TTL_MS, a: answers })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private open(state: unknown): Record<string, ElicitResult> {
    const [body, mac, extra] = typeof state === 'string' ? state.split('.') : [];
    const expected = body ? Buffer.from(this.mac(body)) : undefined;
    if (!body || !mac || extra !== undefined || !expected || expected.length !== Buffer.byteLength(mac) || !timingSafeEqual(expected, Buffer.from(mac))) {
      throw new StaleAnswers('the requestState is not one this server issued (altered or forged)');
    }
    const { c, e, a } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { c: string; e: number; a: Record<string, unknown> };
    if (c !== this.call) throw new StaleAnswers('the requestState belongs to another call (other tool or arguments)');
    if (!(e > this.now())) throw new StaleAnswers('the requestState has expired (older than 10 minutes)');
    const answers: Record<string, ElicitResult> = {};
    for (const [key, value] of Object.entries(a)) {
      const answer = answerOf(value);
      if (answer) answers[key] = answer;
    }
    return answers;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
