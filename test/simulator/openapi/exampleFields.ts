/**
 * The field sets of PagerDuty's own response examples, for comparing the simulator's answers with them
 * (test/unit/simulatorFields.test.ts). Paths are dotted keys; a list stands for its first item.
 */
import { deref, isObject, loadSpec, type Json, type JsonObject } from './spec';

/** The wrapper key plus two levels below it: `incident`, `incident.service`, `incident.service.id`. */
export const FIELD_DEPTH = 3;

/** Every dotted key path of `value` down to `depth` keys; arrays are represented by their first item. */
export function fieldPaths(value: unknown, depth = FIELD_DEPTH): Set<string> {
  const paths = new Set<string>();
  const walk = (node: unknown, prefix: string, remaining: number) => {
    while (Array.isArray(node)) node = node[0];
    if (remaining === 0 || typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.add(path);
      walk(child, path, remaining - 1);
    }
  };
  walk(value, '', depth);
  return paths;
}

/** The GET operations of the spec by operationId, with their path template. */
export function getOperations(): Map<string, { template: string; definition: JsonObject }> {
  const operations = new Map<string, { template: string; definition: JsonObject }>();
  for (const [template, item] of Object.entries(loadSpec().paths as JsonObject)) {
    const definition = isObject(item) ? item.get : undefined;
    if (isObject(definition) && typeof definition.operationId === 'string') operations.set(definition.operationId, { template, definition });
  }
  return operations;
}

/** The first example of an operation's 200 JSON answer (`example` or the first of `examples`), if the spec has one. */
export function successExample(definition: JsonObject): Json | undefined {
  const doc = loadSpec();
  const ok = isObject(definition.responses) ? deref(doc, definition.responses['200']) : undefined;
  const content = isObject(ok?.content) ? ok.content['application/json'] : undefined;
  if (!isObject(content)) return undefined;
  if (content.example !== undefined) return content.example;
  const first = isObject(content.examples) ? deref(doc, Object.values(content.examples)[0]) : undefined;
  return first?.value;
}
