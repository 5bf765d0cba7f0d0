import { z } from 'zod';
import { sanitize } from '../../model/untrusted';

/** Values models put in place of a real id when they have none; PagerDuty would answer them with a confusing 404. */
const PLACEHOLDERS = new Set(['', 'null', 'undefined', 'none', 'nil', 'id', 'n/a', 'string', 'example', 'placeholder', 'todo', '<id>', '...']);
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * A PagerDuty object id such as PABC123, checked before any request is made. `numbered`: the object also has a
 * number (incidents), given as 1234 or #1234.
 */
export function pdId(what: string, numbered = false) {
  const id = z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (numbered && /^#\d{1,12}$/.test(value)) return;
      if (PLACEHOLDERS.has(value.toLowerCase()) || /^[<{[].*[>}\]]$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `a real ${what} id is required, got the placeholder "${value}"` });
      } else if (!ID_PATTERN.test(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a ${what} id such as PABC123 (letters and digits), got "${value.slice(0, 40)}"` });
      }
    })
    .describe(`${what} id`);
  // Clients that read "1234" as a number (the MCP Inspector's --tool-arg incident_id=1234) send the integer: taken as
  // that number's string and checked like any other; the published schema still says string.
  return numbered ? z.preprocess((value) => (Number.isSafeInteger(value) && (value as number) > 0 ? String(value) : value), id) : id;
}

export function pdIds(what: string, max = 100) {
  return z.array(pdId(what)).min(1).max(max).describe(`${what} ids`);
}

// The published schema shows this pattern as format "date-time" (registry.ts trimSchema looks for its start).
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * Why a well-formed date-time is not a real one, or undefined. Date.parse rolls 2026-02-30 over to March and reads
 * T24:00 as the next day, so each field is checked against the calendar instead.
 */
export function unrealTime(value: string): string | undefined {
  const m = ISO_PARTS.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = '0', offH = '0', offM = '0'] = m.slice(1);
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12) return `there is no month ${month}`;
  if (Number(day) < 1 || Number(day) > days) return `${year}-${month} has no day ${day}`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return `${hour}:${minute} is not a time of day (00:00-23:59)`;
  if (Number(offH) > 14 || Number(offM) > 59) return 'the offset is not a real UTC offset';
  return undefined;
}

/** ISO 8601 date-time that must carry an offset: a naive time would be read in an unknown zone. */
export function isoTime(description: string) {
  return z
    .string()
    .trim()
    .regex(ISO_TIME, {
      message: 'expected an ISO 8601 date-time with an offset, e.g. 2026-11-25T09:00:00Z or 2026-11-25T10:00:00+01:00',
    })
    .superRefine((v, ctx) => {
      const why = unrealTime(v);
      if (why) ctx.addIssue({ code: 'custom', message: `not a real date-time: ${why}` });
    })
    .describe(description);
}

export function limit(defaultValue: number, max = 1000) {
  return z.number().int().min(1).max(max).default(defaultValue).describe(`Max items (1-${max})`);
}

export const offset = z.number().int().min(0).max(1_000_000).optional().describe('Items to skip (a next_offset)');

export const query = z.string().trim().min(1).max(200).optional().describe('Part of the name');

/** The refinement of free text: something is left once invisible characters are removed. */
export const visibleText = [(value: string) => sanitize(value).trim().length > 0, { message: 'must contain visible text (it has only invisible or control characters)' }] as const;

/**
 * Free text a write sends to people (notes, titles, status updates, messages). Empty once invisible characters are
 * removed (zero-width, bidi controls, BOM, word joiners…) is empty: it would post an update nobody can read.
 */
export const text = (description: string, max = 10_000) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max)
    .refine(...visibleText)
    .describe(description);

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** IANA zone checked locally: PagerDuty would otherwise answer a typo with a bare 400. */
export function timeZone(description: string) {
  return z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/Berlin or UTC' })
    .describe(description);
}

/** PagerDuty's integration keys (Events API routing keys) are 32 letters and digits. */
export const INTEGRATION_KEY_PATTERN = /^[A-Za-z0-9]{32}$/;

/**
 * An integration key to look a service up by. Whoever holds one can trigger incidents, so a wrong one is described by
 * its shape only: the error never repeats it.
 */
export function integrationKey() {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (INTEGRATION_KEY_PATTERN.test(value)) return;
      const got = /[^A-Za-z0-9]/.test(value) ? 'characters other than letters and digits' : `${value.length} characters`;
      ctx.addIssue({ code: 'custom', message: `expected an integration key of 32 letters and digits, got one with ${got} (the value is not repeated)` });
    })
    .describe('Find the service whose integration has this key (32 letters and digits)');
}
