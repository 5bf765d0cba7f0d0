/**
 * Asking the person instead of guessing (MCP elicitation). A tool asks only through ctx.elicit, which the server sets
 * when the client declared the elicitation capability; without it the tool answers with its usual error.
 */
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/server';
import { PagerDutyError } from '../../pagerduty/errors';
import { InputNeeded } from '../multiRound';
import { sanitize, truncate } from '../../model/untrusted';
import type { ToolContext } from './types';

/** Options offered in one choice; more would be an unusable dialog, and the model can still be given an id. */
export const MAX_CHOICES = 50;

export interface Choice {
  id: string;
  label: string;
}

/** What a question is about and what not answering it means, for the nothing-changed answer. */
export interface Topic {
  about: string;
  consequence: string;
}

/** Nothing-changed answers say so plainly, so the model reports it instead of retrying or guessing. */
function notDone(topic: Topic, how: string): PagerDutyError {
  return new PagerDutyError('cancelled', `Nothing changed: ${how} (${topic.about}), so ${topic.consequence}. Do not retry unless they ask.`);
}

/** Sends the question; a transport failure or an answer the SDK finds off-schema also changes nothing. */
async function send(ctx: ToolContext, params: ElicitRequestFormParams, topic: Topic): Promise<ElicitResult> {
  if (!ctx.elicit) throw new Error('asking needs ctx.elicit: check it first and give the usual error without it');
  let answer: ElicitResult;
  try {
    answer = await ctx.elicit(params);
  } catch (error) {
    if (error instanceof InputNeeded) throw error;
    if (ctx.signal?.aborted) throw new PagerDutyError('cancelled', 'Cancelled while waiting for the person to answer; nothing changed.');
    throw notDone(topic, `the answer to the question could not be used: ${(error as Error).message}`);
  }
  if (answer.action !== 'accept') throw notDone(topic, `the person ${answer.action === 'decline' ? 'declined' : 'cancelled'} the question`);
  return answer;
}

/**
 * Asks the person to pick one of `choices`; returns its id, or throws "nothing changed" when they decline or cancel.
 */
export async function askChoice(
  ctx: ToolContext,
  ask: { message: string; field: string; title: string; choices: Choice[] } & Topic,
): Promise<string> {
  const choices = ask.choices.slice(0, MAX_CHOICES);
  const answer = await send(
    ctx,
    {
      mode: 'form',
      message: ask.message,
      requestedSchema: {
        type: 'object',
        properties: {
          // Names come from PagerDuty: shown to the person, not the model, but still stripped of control characters.
          [ask.field]: { type: 'string', title: ask.title, oneOf: choices.map((c) => ({ const: c.id, title: truncate(sanitize(c.label), 120) })) },
        },
        required: [ask.field],
      },
    },
    ask,
  );
  const value = answer.content?.[ask.field];
  if (typeof value !== 'string' || !choices.some((c) => c.id === value)) {
    throw notDone(ask, 'the answer was not one of the offered choices');
  }
  return value;
}

/** Asks the person to confirm; throws "nothing changed" unless they accept and tick the confirmation. */
export async function askConfirm(ctx: ToolContext, ask: { message: string; title: string } & Topic): Promise<void> {
  const answer = await send(
    ctx,
    {
      mode: 'form',
      message: ask.message,
      requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean', title: ask.title, default: false } }, required: ['confirm'] },
    },
    ask,
  );
  if (answer.content?.confirm !== true) throw notDone(ask, 'the person did not confirm');
}
