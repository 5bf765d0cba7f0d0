import { z } from 'zod';
import { PagerDutyError } from '../pagerduty/errors';
import { redact, redactDeep, redactResult } from '../pagerduty/redact';
import { describeGiven } from './given';
import { InputNeeded } from './multiRound';
import { fromOfficialShape } from './officialArgs';
import { MissingField } from './shape/common';
import { OFFICIAL_SHAPES } from './tools/officialShapes';
import { isWrite, type ToolContext, type ToolDefinition, type Toolset } from './tools/types';
import { ANSWER_MAX_CHARS, clipDeep, FENCE_CLOSE, FENCE_OPEN, sanitize } from '../model/untrusted';
import { ERROR_KIND_META, type CallResult } from '../model/callResult';

export { ERROR_KIND_META, resultText, type CallResult } from '../model/callResult';
export { failureOf } from '../model/toolAnswers';

export interface ToolSelection {
  enableWrites: boolean;
  /** Areas to expose; undefined = the defaults. */
  toolsets?: readonly Toolset[];
  /** Exact tool names; when set, only these (still subject to enableWrites). */
  allowTools?: readonly string[];
  /**
   * Publish output schemas and return structuredContent. Off for the model by default: clients such as Copilot
   * agent mode hand the model JSON.stringify(structuredContent) instead of the text, which loses the
   * untrusted-data fence and the paging hints. In-process callers (sidebar, commands) turn it on.
   */
  structuredOutput?: boolean;
}

export interface PublishedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations: Partial<ToolDefinition['annotations']>;
}

/**
 * Every published character costs the model context on every request, so the JSON Schema is trimmed of what
 * the server checks anyway (patterns, lengths, numeric bounds; descriptions state the useful ones) while keeping types, enums and descriptions.
 */
function trimSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(trimSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern') {
      if (String(value).startsWith('^\\d{4}-')) out.format = 'date-time';
      continue;
    }
    if (['minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(key)) continue;
    out[key] = trimSchema(value);
  }
  // Array items that only repeat the array's description.
  const items = out.items as Record<string, unknown> | undefined;
  if (out.type === 'array' && items && typeof items === 'object' && out.description) delete items.description;
  // Loose objects: {"type":"object"} says the same as an empty property list with open additional properties.
  if (out.type === 'object' && out.properties && Object.keys(out.properties).length === 0 && out.additionalProperties !== false) {
    delete out.properties;
    delete out.additionalProperties;
  }
  return out;
}

/**
 * Hints are sent only where they differ from MCP's defaults (readOnly false, destructive true, idempotent false,
 * openWorld true); destructive/idempotent mean nothing for read-only tools, so reads carry readOnlyHint alone.
 */
export function publishedAnnotations(a: ToolDefinition['annotations']): Partial<ToolDefinition['annotations']> {
  if (a.readOnlyHint) return { readOnlyHint: true };
  return {
    ...(a.destructiveHint === false ? { destructiveHint: false } : {}),
    ...(a.idempotentHint ? { idempotentHint: true } : {}),
    ...(a.openWorldHint === false ? { openWorldHint: false } : {}),
  };
}

type Schemas = { inputSchema: Record<string, unknown>; outputSchema: Record<string, unknown> };

/**
 * The published schemas of every tool, computed at build time (scripts/build.mjs) when bundled. A JSON string, parsed
 * on the first tools/list: JSON.parse is quicker than compiling the same object as code on every start.
 */
declare const __PUBLISHED_SCHEMAS__: string | undefined;
let precomputed: Record<string, Schemas> | undefined;

function precomputedSchemas(): Record<string, Schemas> | undefined {
  if (typeof __PUBLISHED_SCHEMAS__ !== 'string') return undefined;
  return (precomputed ??= JSON.parse(__PUBLISHED_SCHEMAS__) as Record<string, Schemas>);
}

/** zod's JSON Schema conversion of 100+ tools costs ~70 ms, so the bundle carries the result instead of redoing it per start. */
export function publishedSchemas(tools: readonly ToolDefinition[]): Record<string, Schemas> {
  return Object.fromEntries(tools.map((tool) => [tool.name, schemasOf(tool)]));
}

function schemasOf(tool: ToolDefinition): Schemas {
  return precomputedSchemas()?.[tool.name] ?? { inputSchema: toJsonSchema(tool.input, 'input'), outputSchema: toJsonSchema(tool.output, 'output') };
}

/**
 * A preprocessed argument (an incident id that may come as an integer, params.ts pdId) is published as its inner
 * schema, but zod writes the wrapper's description before the inner type: put it back after, so the schema reads as
 * it did before the wrapper.
 */
function typeBeforeDescription(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const def = (ctx.zodSchema as { _zod?: { def?: { type?: string; in?: { _zod?: { def?: { type?: string } } } } } })._zod?.def;
  if (def?.type !== 'pipe' || def.in?._zod?.def?.type !== 'transform' || !('description' in ctx.jsonSchema)) return;
  const { description } = ctx.jsonSchema;
  delete ctx.jsonSchema.description;
  ctx.jsonSchema.description = description;
}

function toJsonSchema(shape: z.ZodRawShape, io: 'input' | 'output'): Record<string, unknown> {
  const schema = z.toJSONSchema(io === 'input' ? z.strictObject(shape) : z.object(shape), { io, unrepresentable: 'any', override: typeBeforeDescription }) as Record<string, unknown>;
  delete schema.$schema;
  if (io === 'output') {
    delete schema.additionalProperties;
    delete schema.required;
  }
  return trimSchema(schema) as Record<string, unknown>;
}

function describePath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** The argument value at a zod issue path, so the message can say what was given (zod does not keep it). */
function valueAt(args: unknown, path: PropertyKey[]): unknown {
  let node = args;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const EXPECTED: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

function issueText(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return given === undefined ? `is required (${expected})` : `expected ${expected}, got ${describeGiven(given)}`;
  }
  const shown = issue.code === 'invalid_value' || issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'invalid_format';
  return shown && given !== undefined && typeof given !== 'object' ? `${issue.message}, got ${describeGiven(given)}` : issue.message;
}

/** How a call reached a tool under another name (the hosted surface's action): errors then use that name and its paths. */
export interface CallView {
  label: string;
  path(where: string): string;
}

/** A call as the tool that answers it sees it (Toolbox.route). */
export interface RoutedCall {
  tool: string;
  args: unknown;
  view?: CallView;
}

/** Turns zod issues into one line per offending argument, naming it by its path, what was expected and what was given. */
export function formatValidationError(tool: ToolDefinition, error: z.ZodError, args?: unknown, origin?: ReadonlyMap<string, string>, view?: CallView): string {
  const allowed = Object.keys(tool.input);
  const lines = error.issues.slice(0, 8).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // Nested objects (list items such as rules[0]) are named by their full path, so the model knows where to look.
      const at = describePath(issue.path);
      const names = issue.keys.map((k) => `"${view ? view.path(`${at ? `${at}.` : ''}${k.slice(0, 40)}`) : `${at ? `${at}.` : ''}${k.slice(0, 40)}`}"`).join(', ');
      return `unknown argument${issue.keys.length > 1 ? 's' : ''} ${names}${at ? '' : ` (allowed: ${allowed.join(', ') || 'none'})`}`;
    }
    const where = describePath(issue.path) || 'arguments';
    const given = officialOrigin(origin, where);
    const named = view ? `"${view.path(given ?? where)}"` : `"${where}"${given ? ` (given as "${given}")` : ''}`;
    return `argument ${named}: ${issueText(issue, valueAt(args, issue.path))}`;
  });
  const more = error.issues.length > 8 ? ` (+${error.issues.length - 8} more)` : '';
  return `Invalid arguments for ${view?.label ?? tool.name}: ${lines.join('; ')}${more}`;
}

/** The official-shape path an argument came from, where it differs from ours (the nearest mapped parent for a nested one). */
function officialOrigin(origin: ReadonlyMap<string, string> | undefined, where: string): string | undefined {
  for (let at = where; origin && at; at = at.replace(/(\.[^.[]+|\[\d+\])$/, '')) {
    const from = origin.get(at);
    if (from !== undefined) return from === at ? undefined : from + where.slice(at.length);
    if (!/[.[]/.test(at)) break;
  }
  return undefined;
}

export class Toolbox {
  private readonly byName = new Map<string, ToolDefinition>();
  private readonly validators = new Map<string, z.ZodObject>();
  private published?: PublishedTool[];

  constructor(
    private readonly all: readonly ToolDefinition[],
    protected readonly selection: ToolSelection,
    private readonly defaultToolsets: readonly Toolset[],
  ) {
    for (const tool of all) this.byName.set(tool.name, tool);
  }

  /** The tools this configuration exposes, in declaration order. */
  enabled(): ToolDefinition[] {
    const { enableWrites, allowTools } = this.selection;
    const toolsets = new Set(this.selection.toolsets ?? this.defaultToolsets);
    const allow = allowTools && allowTools.length > 0 ? new Set(allowTools) : undefined;
    return this.all.filter(
      (tool) => (enableWrites || !isWrite(tool)) && (allow ? allow.has(tool.name) : toolsets.has(tool.toolset)),
    );
  }

  publish(): PublishedTool[] {
    this.published ??= this.enabled().map((tool) => {
      const { inputSchema, outputSchema } = schemasOf(tool);
      return {
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema,
        ...(this.selection.structuredOutput ? { outputSchema } : {}),
        annotations: publishedAnnotations(tool.annotations),
      };
    });
    return this.published;
  }

  /**
   * The enabled tool whose handler a call runs, with its arguments in that tool's terms and how errors name them;
   * undefined when the call would fail before it (unknown or disabled tool, bad request). Here: the tool itself.
   */
  route(name: string, args: unknown): RoutedCall | undefined {
    return this.enabled().some((t) => t.name === name) ? { tool: name, args } : undefined;
  }

  async call(name: string, args: unknown, ctx: ToolContext, view?: CallView): Promise<CallResult> {
    const tool = this.byName.get(name);
    if (!tool) {
      return errorResult(`Unknown tool "${String(name).slice(0, 80)}".`);
    }
    if (!this.enabled().includes(tool)) {
      return errorResult(
        isWrite(tool) && !this.selection.enableWrites
          ? `${name} changes PagerDuty data and write tools are disabled. Enable them with --enable-write-tools (VS Code setting "pagerduty.enableWriteTools").`
          : `${name} is not enabled in this configuration (toolsets / allowed tools).`,
      );
    }
    let validator = this.validators.get(name);
    if (!validator) {
      validator = z.strictObject(tool.input);
      this.validators.set(name, validator);
    }
    // Calls written for PagerDuty's official server (its wrapper objects and spellings) become our flat arguments.
    const flat = fromOfficialShape(OFFICIAL_SHAPES[name], args ?? {});
    const shown = view?.label ?? name;
    if ('error' in flat) return errorResult(`Invalid arguments for ${shown}: ${flat.error}`);
    const parsed = validator.safeParse(flat.args);
    if (!parsed.success) {
      return errorResult(formatValidationError(tool, parsed.error, flat.args, flat.origin, view));
    }
    try {
      const output = await tool.handler(parsed.data, ctx);
      // Every answer, not only errors: an echoing proxy or a token pasted into a note must not reach the model.
      return {
        content: [{ type: 'text', text: capAnswer(redactResult(sanitize(output.text))) }],
        ...(this.selection.structuredOutput ? { structuredContent: redactDeep(clipDeep(output.structured)) as Record<string, unknown> } : {}),
      };
    } catch (error) {
      // A question this 2026-07-28 call has no answer for: the server answers input_required (multiRound.ts).
      if (error instanceof InputNeeded) throw error;
      if (error instanceof PagerDutyError) {
        return errorResult(`${shown} failed: ${error.message}`, error.kind, error.status);
      }
      if (error instanceof TypeError || error instanceof MissingField) {
        return errorResult(`${shown} failed: ${malformedAnswer(error, isWrite(tool))}`, 'malformed_response');
      }
      const message = error instanceof Error ? error.message : String(error);
      return errorResult(`${shown} failed unexpectedly: ${redact(message)}`);
    }
  }
}

/**
 * A shape function reading a field of a body that lacks it throws a TypeError ("Cannot read properties of undefined
 * (reading 'id')"): PagerDuty (or a proxy) sent an empty or partial answer. Said so, naming the field, instead of a crash.
 */
function malformedAnswer(error: TypeError | MissingField, write: boolean): string {
  const field = error instanceof MissingField ? error.field : /(?:reading|property) '([^']{1,60})'/.exec(error.message)?.[1];
  return (
    `PagerDuty's answer lacked ${field ? `the expected field "${field}" (or the object holding it)` : 'an expected field'}, so it could not be shown.` +
    (write ? ' The change was probably applied: read the object back before repeating it.' : ' Try again; if it persists, PagerDuty or a proxy in between is sending incomplete answers.')
  );
}

/**
 * Backstop for answers no list helper bounded (one huge object): cut at a line end below the cap, close a fence left
 * open so the note after it is not read as data, and say what was cut.
 */
export function capAnswer(text: string): string {
  if (text.length <= ANSWER_MAX_CHARS) return text;
  const room = ANSWER_MAX_CHARS - 400;
  const lineEnd = text.lastIndexOf('\n', room);
  let head = text.slice(0, lineEnd > room / 2 ? lineEnd : room);
  if (head.split(FENCE_OPEN).length > head.split(FENCE_CLOSE).length) head += `\n${FENCE_CLOSE}`;
  return `${head}\n[answer cut at ${ANSWER_MAX_CHARS} characters: ${text.length - head.length} more not shown; ask for less, e.g. a smaller limit or one item by id]`;
}

export function errorResult(text: string, kind: string = 'invalid_arguments', status?: number): CallResult {
  return {
    content: [{ type: 'text', text: capAnswer(redact(sanitize(text))) }],
    isError: true,
    _meta: { [ERROR_KIND_META]: kind, ...(status ? { 'pagerduty/status': status } : {}) },
  };
}
