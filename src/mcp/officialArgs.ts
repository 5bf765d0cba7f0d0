/**
 * Maps a call written in the argument shapes of PagerDuty's official MCP server (wrapper objects such as
 * query_model or manage_request, other spellings such as teams_ids) onto our flat arguments, before validation.
 * The shapes themselves are declared in tools/officialShapes.ts; this file only reads them.
 *
 * Path syntax of a shape entry (source side):
 *   a.b          key b of object a
 *   a[]          each item of list a, paired in order with the `[]` of the target (x[] or x[].y; in a list of
 *                values, x[] at the end, items are numbered in turn so a filtered-out item leaves no gap)
 *   a[*]         each item of list a, all written to the same target: they must agree (our tool takes one)
 *   a[]{k=v}     only the items (or, without [], the object) whose field k is v; k is taken as read
 * A path may end at an object or list, which is then copied whole (our schema checks its inside).
 * Target side: x, x.y, x[] and x[].y.
 *
 * Flat and official arguments may be mixed in one call: a value given both ways must be the same, or the call is
 * refused naming both. Official arguments that no entry covers are refused as unknown arguments.
 */
import { describeGiven } from './given';

export interface Rule {
  to: string;
  /** Official value → ours (an enum spelled differently, a list of flags read as one boolean). */
  convert?: (value: unknown) => unknown;
}

export interface OfficialShape {
  /** Official path → our argument path. */
  map: Record<string, string | Rule>;
  /** Official paths taken and dropped, each with why that changes nothing PagerDuty is asked or answers. */
  ignore?: Record<string, string>;
  /** Official paths with no counterpart here, each with what to do instead (refused with that text). */
  none?: Record<string, string>;
}

export type Normalized = { args: Record<string, unknown>; origin: Map<string, string> } | { error: string };

interface Segment {
  key: string;
  list?: 'paired' | 'collapsed';
  filter?: { key: string; value: string };
}

const SEGMENT = /^([a-z_]+)(\[\]|\[\*\])?(?:\{([a-z_]+)=([a-z_]+)\})?$/;

export function parsePath(path: string): Segment[] {
  return path.split('.').map((part) => {
    const m = SEGMENT.exec(part);
    if (!m) throw new Error(`bad official-shape path segment "${part}" in "${path}"`);
    return { key: m[1], ...(m[2] ? { list: m[2] === '[]' ? 'paired' : 'collapsed' } : {}), ...(m[3] ? { filter: { key: m[3], value: m[4] } } : {}) } as Segment;
  });
}

/** The path with list markers and filters reduced to `[]`, as concrete paths (a[3].b) are reduced for lookups. */
export function genericPath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '').replace(/\[(\*|\d+)\]/g, '[]');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (at: string, key: string) => (at ? `${at}.${key}` : key);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Match {
  value: unknown;
  at: string;
  /** Indices of the paired lists on the way, outermost first. */
  pairs: number[];
  /** Indices of the collapsed ([*]) lists on the way. */
  collapsed: number[];
}

class ShapeError extends Error {}

/** Compiled once per tool: parsed paths and the lookups the leftover check needs. */
class CompiledShape {
  readonly rules: { from: Segment[]; to: Segment[]; convert?: Rule['convert'] }[] = [];
  readonly ignored: Segment[][] = [];
  readonly refused: { from: Segment[]; path: string; why: string }[] = [];
  /** Top-level keys the official shape claims. */
  readonly roots = new Set<string>();
  /** Generic path → the keys official entries name below it (for "takes: ..." in errors). */
  readonly children = new Map<string, Set<string>>();
  /** Generic paths where a path ends (the subtree there is taken whole). */
  readonly ends = new Set<string>();
  /** Generic path of a filtered item → the field and accepted values. */
  readonly filters = new Map<string, { key: string; values: string[] }>();

  constructor(shape: OfficialShape) {
    for (const [from, target] of Object.entries(shape.map)) {
      const rule = typeof target === 'string' ? { to: target } : target;
      this.rules.push({ from: parsePath(from), to: parsePath(rule.to), convert: rule.convert });
      this.index(from);
    }
    for (const path of Object.keys(shape.ignore ?? {})) {
      this.ignored.push(parsePath(path));
      this.index(path);
    }
    for (const [path, why] of Object.entries(shape.none ?? {})) {
      this.refused.push({ from: parsePath(path), path, why });
      this.index(path);
    }
  }

  private index(path: string) {
    let at = '';
    for (const seg of parsePath(path)) {
      const set = this.children.get(at) ?? new Set<string>();
      set.add(seg.key);
      this.children.set(at, set);
      if (!at) this.roots.add(seg.key);
      at = join(at, seg.key) + (seg.list ? '[]' : '');
      if (seg.filter) {
        const f = this.filters.get(at) ?? { key: seg.filter.key, values: [] };
        f.values.push(seg.filter.value);
        this.filters.set(at, f);
      }
    }
    this.ends.add(at);
  }
}

function* walk(node: unknown, segs: Segment[], i: number, at: string, pairs: number[], collapsed: number[], taken: Set<string>): Generator<Match> {
  if (i === segs.length) {
    yield { value: node, at, pairs, collapsed };
    return;
  }
  const seg = segs[i];
  if (!isObject(node) || !Object.hasOwn(node, seg.key)) return;
  const child = node[seg.key];
  const childAt = join(at, seg.key);
  const passes = (item: unknown) => !seg.filter || (isObject(item) && item[seg.filter.key] === seg.filter.value);
  if (!seg.list) {
    if (!passes(child)) return;
    if (seg.filter) taken.add(join(childAt, seg.filter.key));
    yield* walk(child, segs, i + 1, childAt, pairs, collapsed, taken);
    return;
  }
  if (!Array.isArray(child)) return;
  for (const [k, item] of child.entries()) {
    if (!passes(item)) continue;
    const itemAt = `${childAt}[${k}]`;
    if (seg.filter) taken.add(join(itemAt, seg.filter.key));
    const paired = seg.list === 'paired';
    yield* walk(item, segs, i + 1, itemAt, paired ? [...pairs, k] : pairs, paired ? collapsed : [...collapsed, k], taken);
  }
}

/**
 * Matches of one entry, numbered for the target. Items keep their place (rules[2] stays the third level), except in
 * a list of values (a target ending in []): filtered or skipped items leave no gap there, so ids are numbered in turn.
 */
function numbered(matches: Iterable<Match>, to: Segment[]): Match[] {
  const all = [...matches];
  if (!to.at(-1)?.list) return all;
  const next = new Map<string, number>();
  return all.map((m) => {
    // Numbered per enclosing item, and per item of a one-per-call list, so those still have to agree.
    const parent = `${m.pairs.slice(0, -1).join(',')}/${m.collapsed.join(',')}`;
    const n = next.get(parent) ?? 0;
    next.set(parent, n + 1);
    return { ...m, pairs: [...m.pairs.slice(0, -1), n] };
  });
}

function write(out: Record<string, unknown>, to: Segment[], match: Match, value: unknown, origin: Map<string, string>) {
  let node: Record<string, unknown> | unknown[] = out;
  let at = '';
  let pair = 0;
  to.forEach((seg, i) => {
    const last = i === to.length - 1;
    const container = node as Record<string, unknown>;
    at = join(at, seg.key);
    if (!seg.list) {
      if (last) return place(container, seg.key, at);
      // Copied on the way down: a flat argument's object belongs to the caller.
      container[seg.key] = isObject(container[seg.key]) ? { ...(container[seg.key] as object) } : {};
      node = container[seg.key] as Record<string, unknown>;
      return;
    }
    const list = (container[seg.key] = Array.isArray(container[seg.key]) ? [...(container[seg.key] as unknown[])] : []);
    const index = match.pairs[pair++];
    at = `${at}[${index}]`;
    if (last) return place(list as unknown as Record<string, unknown>, String(index), at);
    list[index] = isObject(list[index]) ? { ...(list[index] as object) } : {};
    node = list[index] as Record<string, unknown>;
  });

  function place(container: Record<string, unknown>, key: string, targetAt: string) {
    const before = container[key];
    if (before !== undefined && !deepEqual(before, value)) {
      const first = origin.get(targetAt) ?? targetAt;
      const one = match.collapsed.length > 0 ? ' (this tool takes one per call)' : '';
      throw new ShapeError(`arguments "${first}" and "${match.at}" both give ${targetAt} but differ${one}: ${describeGiven(before)} vs ${describeGiven(value)}`);
    }
    container[key] = value;
    if (!origin.has(targetAt)) origin.set(targetAt, match.at);
  }
}

/** Official arguments no entry took: the first few, each said as what is wrong with it. */
function leftovers(shape: CompiledShape, node: unknown, at: string, taken: Set<string>, problems: string[]) {
  if (problems.length >= 4 || taken.has(at)) return;
  const generic = genericPath(at);
  const filter = shape.filters.get(generic);
  if (filter && isObject(node) && !filter.values.includes(String(node[filter.key]))) {
    problems.push(`argument "${join(at, filter.key)}": expected one of ${filter.values.join(', ')}, got ${describeGiven(node[filter.key])}`);
    return;
  }
  const below = shape.children.get(generic);
  if (isObject(node) && below) {
    for (const [key, value] of Object.entries(node)) {
      if (!below.has(key) && !taken.has(join(at, key))) {
        problems.push(`unknown argument "${join(at, key).slice(0, 120)}" (PagerDuty's official ${at} takes: ${[...below].join(', ')})`);
      } else leftovers(shape, value, join(at, key), taken, problems);
    }
    return;
  }
  if (Array.isArray(node) && shape.children.has(`${generic}[]`)) {
    node.forEach((item, k) => leftovers(shape, item, `${at}[${k}]`, taken, problems));
    return;
  }
  if (shape.ends.has(generic)) return; // taken whole by an entry that did not match (e.g. an empty list)
  const expected = shape.children.has(`${generic}[]`) ? 'a list' : 'an object';
  problems.push(`argument "${at}": expected ${expected} (PagerDuty's official shape), got ${describeGiven(node)}`);
}

const compiled = new Map<OfficialShape, CompiledShape>();

/**
 * Our flat arguments for a call given in the official server's shape (or partly so); a call without official
 * arguments comes back unchanged. `origin` maps each of our argument paths to the official path it came from.
 */
export function fromOfficialShape(shape: OfficialShape | undefined, args: unknown): Normalized {
  const origin = new Map<string, string>();
  if (!shape || !isObject(args)) return { args: args as Record<string, unknown>, origin };
  let c = compiled.get(shape);
  if (!c) compiled.set(shape, (c = new CompiledShape(shape)));
  const claimed = Object.keys(args).filter((key) => c.roots.has(key));
  if (claimed.length === 0) return { args, origin };

  // Like the official server (FastMCP), an object argument may come JSON-encoded in a string.
  const official: Record<string, unknown> = {};
  for (const key of claimed) official[key] = parseJsonObject(args[key]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (c.roots.has(key)) continue;
    // Defined, not assigned: a "__proto__" argument stays an (unknown) argument instead of becoming the prototype.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    origin.set(key, key);
  }
  const taken = new Set<string>();
  try {
    for (const { from, path, why } of c.refused) {
      for (const match of walk(official, from, 0, '', [], [], taken)) throw new ShapeError(`argument "${match.at}" of PagerDuty's official ${path.split('.')[0]} has no counterpart here: ${why}`);
    }
    for (const rule of c.rules) {
      for (const match of numbered(walk(official, rule.from, 0, '', [], [], taken), rule.to)) {
        taken.add(match.at);
        if (rule.from.at(-1)?.key === 'id') {
          // A reference copied from an answer carries its type and summary: the id says it all.
          const parent = match.at.slice(0, -'.id'.length);
          taken.add(join(parent, 'type')).add(join(parent, 'summary'));
        }
        write(out, rule.to, match, rule.convert ? rule.convert(match.value) : match.value, origin);
      }
    }
    for (const segs of c.ignored) for (const match of walk(official, segs, 0, '', [], [], taken)) taken.add(match.at);
  } catch (error) {
    if (error instanceof ShapeError) return { error: error.message };
    throw error;
  }
  const problems: string[] = [];
  for (const key of claimed) leftovers(c, official[key], key, taken, problems);
  if (problems.length > 0) return { error: problems.join('; ') };
  return { args: out, origin };
}

function parseJsonObject(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
