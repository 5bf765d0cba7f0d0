import { z } from 'zod';

/** Values models put in place of a real id when they have none; PagerDuty would answer them with a confusing 404. */
const PLACEHOLDERS = new Set(['', 'null', 'undefined', 'none', 'nil', 'id', 'n/a', 'string', 'example', 'placeholder', 'todo', '<id>', '...']);
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** A PagerDuty object id such as PABC123, checked before any request is made. */
export function pdId(what: string) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (PLACEHOLDERS.has(value.toLowerCase()) || /^[<{[].*[>}\]]$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `a real ${what} id is required, got the placeholder "${value}"` });
      } else if (!ID_PATTERN.test(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a ${what} id such as PABC123 (letters and digits), got "${value.slice(0, 40)}"` });
      }
    })
    .describe(`${what} id`);
}

export function pdIds(what: string, max = 100) {
  return z.array(pdId(what)).min(1).max(max).describe(`${what} ids`);
}

/** ISO 8601 date-time that must carry an offset: a naive time would be read in an unknown zone. */
export function isoTime(description: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, {
      message: 'expected an ISO 8601 date-time with an offset, e.g. 2026-11-25T09:00:00Z or 2026-11-25T10:00:00+01:00',
    })
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'not a real date-time' })
    .describe(description);
}

export function limit(defaultValue: number, max = 1000) {
  return z.number().int().min(1).max(max).default(defaultValue).describe(`Max items (1-${max})`);
}

export const offset = z.number().int().min(0).max(1_000_000).optional().describe('Items to skip (next_offset of the previous page)');

export const query = z.string().trim().min(1).max(200).optional().describe('Filter by name (substring)');

export const text = (description: string, max = 10_000) => z.string().trim().min(1, { message: 'must not be empty' }).max(max).describe(description);

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
