/**
 * Validates simulator traffic against PagerDuty's OpenAPI document: the operation must exist, query
 * parameters and JSON request bodies must match, and every response body must match the schema the
 * spec gives for that status (or `default`). Ajv and compiled validators are cached per process, so
 * many simulators (one per test) share one compilation.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { TemplateTable } from '../pathTemplate';
import { SPEC_ID, deref, formatsUsed, isObject, loadSpec, type Json, type JsonObject } from './spec';

export interface Violation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  operationId?: string;
  status?: number;
  message: string;
  details: string[];
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  definition: JsonObject;
  parameters: JsonObject[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let shared: { ajv: Ajv; table: Map<string, TemplateTable<Operation>>; doc: JsonObject } | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function init() {
  if (shared) return shared;
  const doc = loadSpec();
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const format of formatsUsed) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: SPEC_ID, components: doc.components } as object);

  const table = new Map<string, TemplateTable<Operation>>();
  for (const [template, item] of Object.entries(doc.paths as JsonObject)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const definition = item[method];
      if (!isObject(definition)) continue;
      const own = Array.isArray(definition.parameters) ? definition.parameters : [];
      const parameters = [...shared, ...own].map((p) => deref(doc, p)).filter((p): p is JsonObject => !!p);
      const key = method.toUpperCase();
      const forMethod = table.get(key) ?? new TemplateTable<Operation>();
      forMethod.add(template, {
        operationId: String(definition.operationId ?? `${key} ${template}`),
        method: key,
        template,
        definition,
        parameters,
      });
      table.set(key, forMethod);
    }
  }
  shared = { ajv, table, doc };
  return shared;
}

function validatorFor(key: string, schema: Json | undefined): ValidateFunction | null {
  if (compiled.has(key)) return compiled.get(key)!;
  const { ajv } = init();
  const fn = isObject(schema) ? ajv.compile(schema) : null;
  compiled.set(key, fn);
  return fn;
}

function describe(errors: ErrorObject[] | null | undefined, prefix: string): string[] {
  return (errors ?? []).slice(0, 20).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    const allowed = e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
    return `${prefix}${e.instancePath || ''} ${e.message ?? e.keyword}${extra}${allowed}`;
  });
}

export function matchOperation(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | undefined {
  const found = init().table.get(method.toUpperCase())?.match(pathname);
  return found ? { operation: found.entry.value, params: found.params } : undefined;
}

/** Resolves the effective type of a parameter schema so string query values can be coerced to it. */
function schemaType(schema: JsonObject | undefined): string | undefined {
  const resolved = schema ? deref(init().doc, schema) : undefined;
  const type = resolved?.type;
  return typeof type === 'string' ? type : Array.isArray(type) ? String(type.find((t) => t !== 'null')) : undefined;
}

function coerce(value: string, type: string | undefined): Json {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

export interface RequestToValidate {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export function validateRequest(req: RequestToValidate): { operation?: Operation; violations: Violation[] } {
  const base = { direction: 'request' as const, method: req.method, path: req.pathname };
  const match = matchOperation(req.method, req.pathname);
  if (!match) {
    return {
      violations: [{ ...base, message: `no operation ${req.method} ${req.pathname} in the PagerDuty OpenAPI spec`, details: [] }],
    };
  }
  const { operation } = match;
  const details: string[] = [];
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const known = new Set(queryParams.map((p) => String(p.name)));
  for (const name of new Set(req.query.keys())) {
    if (!known.has(name)) details.push(`query parameter "${name}" is not documented for ${operation.operationId}`);
  }
  for (const param of queryParams) {
    const name = String(param.name);
    const values = req.query.getAll(name);
    if (values.length === 0) {
      if (param.required === true) details.push(`query parameter "${name}" is required`);
      continue;
    }
    const schema = isObject(param.schema) ? param.schema : {};
    const type = schemaType(schema);
    const fn = validatorFor(`${operation.operationId}:query:${name}`, schema);
    if (!fn) continue;
    if (type === 'array') {
      const itemType = schemaType(isObject(schema.items) ? schema.items : undefined);
      if (!fn(values.map((v) => coerce(v, itemType)))) details.push(...describe(fn.errors, `query ${name}`));
    } else {
      if (values.length > 1 && !name.endsWith('[]')) details.push(`query parameter "${name}" given ${values.length} times`);
      for (const v of values) {
        if (!fn(coerce(v, type))) details.push(...describe(fn.errors, `query ${name}=${JSON.stringify(v)}`));
      }
    }
  }
  const from = req.headers['from'];
  if (typeof from === 'string' && operation.parameters.some((p) => p.in === 'header' && p.name === 'From')) {
    if (!/^[^\s@]+@[^\s@]+$/.test(from)) details.push(`header From "${from}" is not an email address`);
  }

  const requestBody = deref(init().doc, operation.definition.requestBody);
  const bodySchema = (requestBody?.content as JsonObject | undefined)?.['application/json'];
  if (req.body !== undefined) {
    const fn = validatorFor(`${operation.operationId}:body`, isObject(bodySchema) ? bodySchema.schema : undefined);
    if (!requestBody) details.push(`${operation.operationId} takes no request body`);
    else if (fn && !fn(req.body)) details.push(...describe(fn.errors, 'body'));
  } else if (requestBody?.required === true) {
    details.push(`${operation.operationId} requires a JSON request body`);
  }

  const violations = details.length
    ? [{ ...base, operationId: operation.operationId, message: `request does not match ${operation.operationId}`, details }]
    : [];
  return { operation, violations };
}

export function validateResponse(operation: Operation, status: number, body: unknown): Violation[] {
  const base = { direction: 'response' as const, method: operation.method, path: operation.template, operationId: operation.operationId, status };
  const responses = isObject(operation.definition.responses) ? operation.definition.responses : {};
  const declared = responses[String(status)] ?? responses.default;
  if (!declared) {
    return [{ ...base, message: `status ${status} is not documented for ${operation.operationId}`, details: [] }];
  }
  const response = deref(init().doc, declared);
  const media = (response?.content as JsonObject | undefined)?.['application/json'];
  const schema = isObject(media) ? media.schema : undefined;
  if (!schema) {
    return body === undefined
      ? []
      : [{ ...base, message: `${operation.operationId} ${status} documents no JSON body but one was sent`, details: [] }];
  }
  const fn = validatorFor(`${operation.operationId}:response:${responses[String(status)] ? status : 'default'}`, schema);
  if (!fn || fn(body)) return [];
  return [{ ...base, message: `response ${status} does not match ${operation.operationId}`, details: describe(fn.errors, 'body') }];
}

export function formatViolation(v: Violation): string {
  const head = `[${v.direction}] ${v.method} ${v.path}${v.status ? ` -> ${v.status}` : ''}: ${v.message}`;
  return [head, ...v.details.map((d) => `    ${d}`)].join('\n');
}
