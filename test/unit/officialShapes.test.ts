/**
 * The official-shape table against both ends it joins: our tool schemas (every target names an argument that
 * exists, so renaming one breaks this test) and PagerDuty's official server as the reference describes it (every
 * official parameter of the 103 tools is ours or mapped). Plus the mapping rules themselves on small inputs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { fromOfficialShape, genericPath, parsePath, type OfficialShape } from '../../src/mcp/officialArgs';
import { ALL_TOOLS } from '../../src/mcp/tools';
import { OFFICIAL_SHAPES } from '../../src/mcp/tools/officialShapes';
import { officialToolsReference, sharedOfficialToolsReference } from '../support/officialReference';

const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));

/** The schema under wrappers that do not change the shape (optional, default, nullable, pipe). */
function bare(schema: z.ZodType): z.ZodType {
  let s = schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } };
  for (;;) {
    if (s.def.innerType && ['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch'].includes(s.def.type)) s = s.def.innerType as never;
    else if (s.def.type === 'pipe' && s.def.in) s = s.def.in as never;
    else return s as unknown as z.ZodType;
  }
}

/** Whether our argument path (x, x.y, x[], x[].y) exists in a tool's input schema; why not, if it does not. */
function targetProblem(shape: z.ZodRawShape, target: string): string | undefined {
  let fields: Record<string, z.ZodType> | undefined = shape as Record<string, z.ZodType>;
  for (const seg of parsePath(target)) {
    const field = fields?.[seg.key];
    if (!field) return `no argument "${seg.key}"`;
    let node = bare(field) as unknown as { def: { type: string; element?: z.ZodType }; shape?: Record<string, z.ZodType> };
    if (seg.list) {
      if (node.def.type !== 'array') return `"${seg.key}" is not a list`;
      node = bare(node.def.element!) as never;
    }
    fields = node.def.type === 'object' ? node.shape : undefined;
  }
  return undefined;
}

const pairedLists = (p: string) => (p.match(/\[\]/g) ?? []).length;

/** Top-level parameter names per official tool, read from the reference's "peer's params" column. */
function officialParams(): Map<string, string[]> {
  const reference = officialToolsReference();
  const out = new Map<string, string[]>();
  // Columns are split by " | "; a parameter's own values use a bare | ('all'|'assigned').
  for (const line of reference.split('\n').filter((l) => /^[a-z_0-9]+ \| [RW] \| /.test(l))) {
    const m = line.split(' | ');
    const names: string[] = [];
    let depth = 0;
    let piece = '';
    for (const ch of `${m[2]},`) {
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) depth--;
      if (ch === ',' && depth === 0) {
        // "since?/until?:datetime" names two; a piece without a leading name ("{escalation_policy: partial}") none.
        for (const part of piece.trim().split(/\s*\/\s*/)) names.push(...(/^([a-z_]+)/.exec(part)?.slice(1) ?? []));
        piece = '';
      } else piece += ch;
    }
    // "service_id + same filters": those of the list tool above it.
    if (m[2].includes('same filters')) names.push(...[...out].reverse().find(([name]) => name.startsWith('list_'))![1]);
    out.set(m[0], names.filter((n) => n !== 'same'));
  }
  return out;
}

describe('OFFICIAL_SHAPES against our schemas', () => {
  for (const [tool, shape] of Object.entries(OFFICIAL_SHAPES)) {
    it(`${tool}: names a tool we have, and arguments it has`, () => {
      const def = byName.get(tool);
      assert.ok(def, `${tool} is not one of our tools`);
      for (const [from, target] of Object.entries(shape.map)) {
        const to = typeof target === 'string' ? target : target.to;
        assert.equal(targetProblem(def.input, to), undefined, `${tool}: ${from} → ${to}`);
        assert.equal(pairedLists(from), pairedLists(to), `${tool}: ${from} → ${to} pairs each [] with one of the target`);
      }
      const ours = new Set(Object.keys(def.input));
      for (const path of [...Object.keys(shape.ignore ?? {}), ...Object.keys(shape.none ?? {})]) {
        const root = parsePath(path)[0].key;
        assert.ok(!ours.has(root) || Object.keys(shape.map).some((p) => parsePath(p)[0].key === root), `${tool}: ${path} would hide our own argument "${root}"`);
      }
    });
  }
});

describe('OFFICIAL_SHAPES against the official server (reference)', () => {
  const params = officialParams();

  it('reads 103 official tools from the reference', () => {
    assert.equal(params.size, 103);
  });

  it('the fixture holds the shared reference\'s rows (names, read/write, parameters) where ../shared is present', (t) => {
    const shared = sharedOfficialToolsReference();
    if (!shared) return t.skip('no ../shared beside this checkout');
    const rows = (text: string) => text.split('\n').filter((l) => /^[a-z_0-9]+ \| [RW] \| /.test(l)).map((l) => l.split(' | ').slice(0, 3).join(' | '));
    assert.deepEqual(rows(officialToolsReference()), rows(shared));
  });

  it('every official parameter is ours under the same name or mapped by an entry', () => {
    const unmapped: string[] = [];
    for (const [tool, names] of params) {
      const ours = new Set(Object.keys(byName.get(tool)!.input));
      const roots = new Set(Object.keys({ ...OFFICIAL_SHAPES[tool]?.map, ...OFFICIAL_SHAPES[tool]?.ignore, ...OFFICIAL_SHAPES[tool]?.none }).map((p) => parsePath(p)[0].key));
      for (const name of names) if (!ours.has(name) && !roots.has(name)) unmapped.push(`${tool}: ${name}`);
    }
    assert.deepEqual(unmapped, []);
  });

  it('every root an entry maps is an official parameter of that tool', () => {
    const strays: string[] = [];
    for (const [tool, shape] of Object.entries(OFFICIAL_SHAPES)) {
      const names = new Set(params.get(tool));
      const roots = new Set(Object.keys({ ...shape.map, ...shape.ignore, ...shape.none }).map((p) => parsePath(p)[0].key));
      // The reference leaves the name of update_escalation_policy's wrapper out; create_escalation_policy names it.
      if (tool === 'update_escalation_policy') params.get('create_escalation_policy')!.forEach((n) => names.add(n));
      for (const root of roots) if (!names.has(root)) strays.push(`${tool}: ${root}`);
    }
    assert.deepEqual(strays, []);
  });
});

describe('the README figures', () => {
  it('states how many tools take the official shapes, and how many of them through wrapper objects', () => {
    const wrapped = Object.entries(OFFICIAL_SHAPES).filter(([tool, shape]) => {
      const ours = new Set(Object.keys(byName.get(tool)!.input));
      // A wrapper: an official root that is not ours, with paths below it.
      return Object.keys({ ...shape.map, ...shape.ignore, ...shape.none }).some((p) => parsePath(p).length > 1 && !ours.has(parsePath(p)[0].key));
    });
    const all = Object.keys(OFFICIAL_SHAPES).length;
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    assert.ok(readme.includes(`the ${all} tools whose official arguments differ, ${wrapped.length} of them wrapping`), `README should say ${all} tools, ${wrapped.length} wrapping`);
    assert.ok(readme.includes(`and ${all - wrapped.length} with other spellings`), `README should say ${all - wrapped.length} with other spellings`);
  });
});

/** An official-shaped value holding one `value` at `path` ([] and [*] become one-item lists). */
function valueAt(path: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let node: Record<string, unknown> = out;
  const segs = parsePath(path);
  segs.forEach((seg, i) => {
    const child: Record<string, unknown> = seg.filter ? { [seg.filter.key]: seg.filter.value } : {};
    const last = i === segs.length - 1;
    const slot = last ? value : child;
    node[seg.key] = seg.list ? [slot] : slot;
    node = child;
  });
  return out;
}

describe('official arguments with no counterpart', () => {
  for (const [tool, shape] of Object.entries(OFFICIAL_SHAPES)) {
    for (const [path, why] of Object.entries(shape.none ?? {})) {
      it(`${tool}: ${path} is refused, named, with what to do instead`, () => {
        const result = fromOfficialShape(shape, valueAt(path, 'x'));
        assert.ok('error' in result, 'refused');
        const concrete = genericPath(path).replace(/\[\]/g, '[0]');
        assert.ok(result.error.includes(`argument "${concrete}"`), result.error);
        assert.ok(result.error.includes(why), result.error);
      });
    }
  }
});

describe('fromOfficialShape', () => {
  const shape: OfficialShape = {
    map: {
      'w.a': 'a',
      'w.refs[].id': 'ids[]',
      'w.one[*].b': 'b',
      'w.targets[]{type=user}.id': 'users[]',
      'w.targets[]{type=team}.id': 'teams[]',
      'w.list[].n': 'rows[].n',
      'w.list[].tags[].t': 'rows[].tags[]',
    },
    ignore: { 'w.read_only': 'why' },
  };

  it('leaves a call without official arguments untouched, and the same object', () => {
    const args = { a: 1, other: 2 };
    const result = fromOfficialShape(shape, args);
    assert.ok('args' in result && result.args === args);
    assert.ok('args' in fromOfficialShape(undefined, args));
  });

  it('maps nested paths, numbers lists of values in turn and keeps list items in place', () => {
    const result = fromOfficialShape(shape, {
      w: {
        a: 'x',
        read_only: 'dropped',
        refs: [{ id: 'R1', type: 'r', summary: 's' }, { id: 'R2' }],
        targets: [{ type: 'team', id: 'T1' }, { type: 'user', id: 'U1' }, { type: 'user', id: 'U2' }],
        list: [{ n: 1, tags: [{ t: 'p' }, { t: 'q' }] }, { n: 2 }],
      },
    });
    assert.ok('args' in result, JSON.stringify(result));
    assert.deepEqual(result.args, { a: 'x', ids: ['R1', 'R2'], users: ['U1', 'U2'], teams: ['T1'], rows: [{ n: 1, tags: ['p', 'q'] }, { n: 2 }] });
    assert.equal(result.origin.get('users[1]'), 'w.targets[2].id');
  });

  it('takes a wrapper JSON-encoded in a string, as the official server does', () => {
    const result = fromOfficialShape(shape, { w: '{"a": 5}' });
    assert.ok('args' in result);
    assert.deepEqual(result.args, { a: 5 });
  });

  it('refuses a filtered item none of the entries accept, saying which values are', () => {
    const result = fromOfficialShape(shape, { w: { targets: [{ type: 'schedule', id: 'S1' }] } });
    assert.deepEqual(result, { error: 'argument "w.targets[0].type": expected one of user, team, got the string "schedule"' });
  });

  it('refuses a wrapper of the wrong kind', () => {
    assert.deepEqual(fromOfficialShape(shape, { w: 'plain text' }), { error: 'argument "w": expected an object (PagerDuty\'s official shape), got the string "plain text"' });
    assert.deepEqual(fromOfficialShape(shape, { w: { refs: { id: 'R1' } } }), { error: 'argument "w.refs": expected a list (PagerDuty\'s official shape), got an object' });
  });

  it('lets items of a one-per-call list agree, and refuses them when they differ', () => {
    const same = fromOfficialShape(shape, { w: { one: [{ b: 1 }, { b: 1 }] } });
    assert.ok('args' in same && same.args.b === 1);
    const differ = fromOfficialShape(shape, { w: { one: [{ b: 1 }, { b: 2 }] } });
    assert.ok('error' in differ && differ.error.includes('(this tool takes one per call)'), JSON.stringify(differ));
  });

  it('numbers a list inside a one-per-call list per item, so two items with different lists still differ', () => {
    const nested: OfficialShape = { map: { 'w.ups[*].svc[].id': 'svc_ids[]' } };
    const same = fromOfficialShape(nested, { w: { ups: [{ svc: [{ id: 'A' }, { id: 'B' }] }, { svc: [{ id: 'A' }, { id: 'B' }] }] } });
    assert.ok('args' in same);
    assert.deepEqual(same.args, { svc_ids: ['A', 'B'] });
    const differ = fromOfficialShape(nested, { w: { ups: [{ svc: [{ id: 'A' }] }, { svc: [{ id: 'C' }] }] } });
    assert.ok('error' in differ && differ.error.includes('both give svc_ids[0] but differ (this tool takes one per call)'), JSON.stringify(differ));
  });

  it('keeps a "__proto__" argument an own argument (zod then names it unknown), never the prototype', () => {
    const args = JSON.parse('{"__proto__": {"a": "injected"}, "w": {"a": "x"}}') as Record<string, unknown>;
    const result = fromOfficialShape(shape, args);
    assert.ok('args' in result);
    assert.ok(Object.hasOwn(result.args, '__proto__'));
    assert.equal(Object.getPrototypeOf(result.args), Object.prototype);
    assert.equal(result.args.a, 'x');
  });

  it('mixes flat and official arguments without changing the caller\'s objects', () => {
    const nested: OfficialShape = { map: { member_type: 'member.type' } };
    const args = { member: { user_id: 'U1' }, member_type: 'user_member' };
    const result = fromOfficialShape(nested, args);
    assert.ok('args' in result);
    assert.deepEqual(result.args, { member: { user_id: 'U1', type: 'user_member' } });
    assert.deepEqual(args.member, { user_id: 'U1' });
  });
});
