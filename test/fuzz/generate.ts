/**
 * Builds tool arguments from a tool's published JSON Schema (tools/list): a plausible baseline, then one hostile
 * mutation per case. Deterministic for a given PRNG state. Whether a case is invalid is decided later by checking
 * the arguments against the same published schema, not here.
 */
import { Prng } from '../simulator/seed/prng';
import { EXTRA_KEYS, hugeString, INJECTIONS, ODD_NUMBERS, PLACEHOLDER_IDS, UNICODE, WRONG_TYPES } from './hostile';

export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  description?: string;
  default?: unknown;
};

export const MUTATIONS = [
  'valid',
  'wrong_type',
  'missing_required',
  'extra_property',
  'huge_string',
  'huge_array',
  'unicode',
  'injection',
  'odd_number',
  'placeholder_id',
  'nested',
  'null_value',
  'no_arguments',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Relative frequency of each mutation. */
const WEIGHTS: Record<Mutation, number> = {
  valid: 14,
  wrong_type: 12,
  missing_required: 8,
  extra_property: 8,
  huge_string: 6,
  huge_array: 4,
  unicode: 10,
  injection: 10,
  odd_number: 8,
  placeholder_id: 10,
  nested: 5,
  null_value: 3,
  no_arguments: 2,
};

export interface FuzzCase {
  tool: string;
  mutation: Mutation;
  /** The top-level argument the mutation touched, if any. */
  target?: string;
  args: Record<string, unknown>;
}

/** Real ids by kind, so some calls reach PagerDuty objects that exist (and not only 404s). */
export type IdPool = Record<string, string[]>;

const ID_KINDS = ['escalation policy', 'incident', 'service', 'schedule', 'priority', 'team', 'user'];

export class CaseGenerator {
  private readonly total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);

  constructor(
    private readonly rng: Prng,
    private readonly ids: IdPool,
    private readonly now: Date,
  ) {}

  next(tool: string, schema: Schema): FuzzCase {
    const mutation = this.pickMutation();
    const args = this.object(schema, 0.3);
    return this.mutate({ tool, mutation, args }, schema);
  }

  private pickMutation(): Mutation {
    let roll = this.rng.next() * this.total;
    for (const m of MUTATIONS) {
      roll -= WEIGHTS[m];
      if (roll < 0) return m;
    }
    return 'valid';
  }

  private mutate(c: FuzzCase, schema: Schema): FuzzCase {
    const props = schema.properties ?? {};
    const names = Object.keys(props);
    const pickName = (filter: (s: Schema) => boolean = () => true) => {
      const found = names.filter((n) => filter(props[n]));
      return found.length ? this.rng.pick(found) : undefined;
    };
    const put = (name: string | undefined, value: unknown): FuzzCase => {
      if (name === undefined) return { ...c, mutation: 'valid' };
      c.args[name] = value;
      return { ...c, target: name };
    };
    switch (c.mutation) {
      case 'valid':
        return c;
      case 'no_arguments':
        return { ...c, args: {} };
      case 'wrong_type': {
        const name = pickName();
        if (!name) return put(undefined, undefined);
        const type = typeOf(props[name]);
        return put(name, this.rng.pick(WRONG_TYPES[type] ?? WRONG_TYPES.string));
      }
      case 'missing_required': {
        const name = schema.required?.length ? this.rng.pick(schema.required) : undefined;
        if (!name) return put(undefined, undefined);
        delete c.args[name];
        return { ...c, target: name };
      }
      case 'extra_property': {
        const key = this.rng.pick(EXTRA_KEYS);
        // Defined as an own property so keys like "constructor" really travel in the JSON.
        Object.defineProperty(c.args, key, { value: this.rng.pick(['x', 1, { nested: true }, null]), enumerable: true, configurable: true, writable: true });
        return { ...c, target: key };
      }
      case 'huge_string':
        return put(pickName((s) => accepts(s, 'string')), hugeString(this.rng.pick(['A', 'é', '🚨'])));
      case 'huge_array': {
        const name = pickName((s) => accepts(s, 'array'));
        if (!name) return put(undefined, undefined);
        const item = props[name].items ?? { type: 'string' };
        const one = this.value(item, 0);
        return put(name, Array.from({ length: 10_000 }, (_, i) => (typeof one === 'string' ? `${one}${i % 10}` : one)));
      }
      case 'unicode':
        return put(pickName((s) => accepts(s, 'string') || accepts(s, 'array')), this.stringish(UNICODE));
      case 'injection':
        return put(pickName((s) => accepts(s, 'string') || accepts(s, 'array')), this.stringish(INJECTIONS));
      case 'odd_number':
        return put(pickName((s) => accepts(s, 'integer') || accepts(s, 'number')) ?? pickName(), this.rng.pick(ODD_NUMBERS));
      case 'placeholder_id': {
        const name = pickName((s) => isId(s) || isId(s.items)) ?? pickName((s) => accepts(s, 'string'));
        if (!name) return put(undefined, undefined);
        const value = this.rng.pick(PLACEHOLDER_IDS);
        return put(name, accepts(props[name], 'array') ? [value] : value);
      }
      case 'nested': {
        const name = pickName((s) => accepts(s, 'object') || accepts(s.items ?? {}, 'object'));
        if (!name) return put(pickName(), this.rng.pick([{}, [], [{}], { a: { b: { c: [] } } }]));
        const inner = accepts(props[name], 'array') ? props[name].items! : props[name];
        const obj = this.object(inner, 0.5);
        const keys = Object.keys(inner.properties ?? {});
        if (keys.length && this.rng.chance(0.7)) {
          const k = this.rng.pick(keys);
          obj[k] = this.rng.pick([null, 12345, '', ...INJECTIONS.slice(0, 3), ['x'], { deep: true }]);
        } else {
          obj[this.rng.pick(EXTRA_KEYS)] = 'unexpected';
        }
        return put(name, accepts(props[name], 'array') ? [obj] : obj);
      }
      case 'null_value':
        return put(pickName(), null);
    }
  }

  /** A hostile string for a string argument, or a one-element array of it for an array argument. */
  private stringish(pool: string[]): unknown {
    const value = this.rng.pick(pool);
    return this.rng.chance(0.2) ? [value] : value;
  }

  /** Required properties plus each optional one with probability `optional`. */
  private object(schema: Schema, optional: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      if (required.has(name) || this.rng.chance(optional)) out[name] = this.value(prop, 1);
    }
    return out;
  }

  value(schema: Schema, depth: number): unknown {
    if (schema.const !== undefined) return schema.const;
    if (schema.enum?.length) return this.rng.pick(schema.enum);
    if (schema.anyOf?.length) {
      const branches = schema.anyOf.filter((s) => s.type !== 'null');
      return this.value(branches.length ? this.rng.pick(branches) : schema.anyOf[0], depth);
    }
    switch (typeOf(schema)) {
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? 0;
        const max = Math.min(schema.maximum ?? 50, min + 50);
        return this.rng.int(Math.ceil(min), Math.floor(max));
      }
      case 'boolean':
        return this.rng.chance(0.5);
      case 'array':
        return depth > 3 ? [] : Array.from({ length: this.rng.int(1, 2) }, () => this.value(schema.items ?? { type: 'string' }, depth + 1));
      case 'object':
        return depth > 3 ? {} : this.object(schema, 0.3);
      case 'null':
        return null;
      default:
        return 'fuzz';
    }
  }

  private string(schema: Schema): string {
    if (schema.format === 'date-time') {
      return new Date(this.now.getTime() - this.rng.int(-7, 30) * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    }
    if (schema.format === 'email') return `fuzz${this.rng.int(1, 99)}@example.com`;
    if (schema.format === 'uri') return 'https://example.com/fuzz';
    const kind = idKind(schema);
    if (kind || isId(schema)) {
      const pool = kind ? this.ids[kind] : undefined;
      return pool?.length && this.rng.chance(0.7) ? this.rng.pick(pool) : `P${this.rng.token(6)}`;
    }
    const d = schema.description?.toLowerCase() ?? '';
    if (/time zone/.test(d)) return this.rng.pick(['UTC', 'Europe/Berlin', 'America/New_York']);
    if (/rrule|recurrence/.test(d)) return 'RRULE:FREQ=WEEKLY;INTERVAL=1';
    if (/e-?mail/.test(d)) return `fuzz${this.rng.int(1, 99)}@example.com`;
    const base = this.rng.pick(['fuzz text', 'checkout latency', 'Database', 'x', 'PagerDuty']);
    const min = schema.minLength ?? 0;
    return (base.length >= min ? base : base.padEnd(min, 'x')).slice(0, schema.maxLength ?? 200);
  }
}

function typeOf(schema: Schema): string {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') ?? 'null';
  if (schema.type) return schema.type;
  if (schema.enum?.length) return typeof schema.enum[0];
  if (schema.anyOf?.length) return typeOf(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]);
  return 'string';
}

function accepts(schema: Schema | undefined, type: string): boolean {
  if (!schema) return false;
  if (schema.anyOf) return schema.anyOf.some((s) => accepts(s, type));
  return typeOf(schema) === type;
}

function idKind(schema: Schema | undefined): string | undefined {
  const d = schema?.description?.toLowerCase() ?? '';
  if (!/\bids?\b/.test(d)) return undefined;
  return ID_KINDS.find((k) => d.includes(k));
}

function isId(schema: Schema | undefined): boolean {
  return Boolean(schema && accepts(schema, 'string') && /\bids?\b/i.test(schema.description ?? ''));
}
