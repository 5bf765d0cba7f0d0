/**
 * Loads PagerDuty's REST OpenAPI document once per process and normalises the OpenAPI 3.0 dialect
 * into plain JSON Schema that Ajv accepts (see the shared pagerduty-api/NOTES.md for why each step exists). Where
 * the document comes from: ./source.ts.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { specPatches } from './allowlist';
import { resolveSpec, SPEC_ENV } from './source';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Id under which the whole document is registered with Ajv; every local `#/...` ref is rewritten to `pd#/...`. */
export const SPEC_ID = 'pd';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function specPath(): string {
  return resolveSpec({ env: process.env, repoRoot, home: homedir() });
}

let cached: JsonObject | undefined;

export function loadSpec(): JsonObject {
  if (cached) return cached;
  const file = specPath();
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `PagerDuty OpenAPI spec not found at ${file} (${(err as Error).message}); set ${SPEC_ENV} to its path`,
    );
  }
  const doc = JSON.parse(raw) as JsonObject;
  for (const patch of specPatches) patch.apply(doc);
  normalise(doc);
  cached = doc;
  return doc;
}

/** Every `format` the document names; the validator registers the ones ajv-formats lacks as permissive. */
export const formatsUsed = new Set<string>();

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function normalise(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) normalise(item);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) normalise(value);

  if (typeof node.format === 'string') formatsUsed.add(node.format);
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    node.$ref = `${SPEC_ID}${node.$ref}`;
  }
  if (node.nullable === true) {
    delete node.nullable;
    if (typeof node.type === 'string') {
      node.type = [node.type, 'null'];
      if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
    } else if (!Array.isArray(node.type)) {
      // No type to widen (e.g. a bare $ref or allOf): move the schema into anyOf alongside null.
      const inner: JsonObject = { ...node };
      for (const key of Object.keys(node)) delete node[key];
      node.anyOf = [inner, { type: 'null' }];
    }
  } else if (node.nullable === false) {
    delete node.nullable;
  }
  for (const [flag, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof node[flag] === 'boolean') {
      if (node[flag] === true && typeof node[bound] === 'number') {
        node[flag] = node[bound];
        delete node[bound];
      } else {
        delete node[flag];
      }
    }
  }
}

/** Follows a `pd#/a/b` (or `#/a/b`) pointer inside the loaded document. */
export function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  const pointer = ref.slice(ref.indexOf('#') + 1);
  let node: Json | undefined = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

/** Resolves a node that may itself be a `$ref` (parameters, responses, request bodies), following chains. */
export function deref(doc: JsonObject, node: Json | undefined): JsonObject | undefined {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 10; hops++) {
    current = resolvePointer(doc, current.$ref);
  }
  return isObject(current) ? current : undefined;
}

export { isObject };
