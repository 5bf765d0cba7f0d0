/**
 * The hosted surface over the classic toolbox: lists the 18 browse_* / manage_* tools (only the actions whose twin
 * this configuration enables) and, under their classic names, the enabled tools no action covers; a call is checked
 * against the table (./table.ts), its fields mapped, and the twin run through Toolbox.call, so everything the
 * classic path applies (validation, fencing, caps, redaction, elicitation) applies unchanged.
 */
import { describeGiven } from '../given';
import { errorResult, Toolbox, type CallResult, type CallView, type PublishedTool, type RoutedCall, type ToolSelection } from '../registry';
import { isWrite, type ToolContext, type ToolDefinition, type Toolset } from '../tools/types';
import { fieldSchema, HOSTED_FORM, HOSTED_TOOLS, TWINS, type HostedAction, type HostedTool } from './table';

const BY_NAME = new Map(HOSTED_TOOLS.map((tool) => [tool.name, tool]));

/** Allowed tools may name hosted tools: each stands for all of its actions' twins. */
function withTwins(allow: readonly string[] | undefined): string[] | undefined {
  if (!allow?.length) return undefined;
  return [...new Set([...allow, ...allow.flatMap((name) => BY_NAME.get(name)?.actions.map((a) => a.twin) ?? [])])];
}

const fieldList = (row: HostedAction) => row.fields.split(' ').filter(Boolean);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quoted = (names: Iterable<string>) => [...names].join(', ') || 'none';

export class HostedToolbox extends Toolbox {
  private readonly twins = new Map<string, ToolDefinition>();
  private listed?: PublishedTool[];

  constructor(all: readonly ToolDefinition[], selection: ToolSelection, defaultToolsets: readonly Toolset[]) {
    super(all, { ...selection, allowTools: withTwins(selection.allowTools) }, defaultToolsets);
    for (const tool of all) if (TWINS.has(tool.name)) this.twins.set(tool.name, tool);
  }

  /** The actions of a hosted tool this configuration offers: those whose twin it enables. */
  offered(tool: HostedTool): HostedAction[] {
    const on = new Set(this.enabled().map((t) => t.name));
    return tool.actions.filter((row) => on.has(row.twin));
  }

  override publish(): PublishedTool[] {
    this.listed ??= [
      ...HOSTED_TOOLS.map((tool) => this.publishHosted(tool)).filter((t): t is PublishedTool => t !== undefined),
      ...super.publish().filter((t) => !TWINS.has(t.name)),
    ];
    return this.listed;
  }

  private publishHosted(tool: HostedTool): PublishedTool | undefined {
    const rows = this.offered(tool);
    if (!rows.length) return undefined;
    const actions = [...new Set(rows.map((r) => r.action))];
    const fields = [...new Set(rows.flatMap(fieldList))];
    const lines = actions.map((action) => {
      const same = rows.filter((r) => r.action === action);
      const names = [...new Set(same.flatMap(fieldList))];
      const about = same.map((r) => r.about + (r.extra ? ' (extra)' : '')).join('; ');
      return `- ${action}${names.length ? ` (${names.join(', ')})` : ''}: ${about}`;
    });
    const write = this.isWriteTool(tool);
    return {
      name: tool.name,
      title: tool.about,
      description: `${tool.about}. request.action (its fields):\n${lines.join('\n')}`,
      inputSchema: {
        type: 'object',
        properties: {
          request: {
            type: 'object',
            properties: { action: { enum: actions }, ...Object.fromEntries(fields.flatMap((f) => { const schema = fieldSchema(tool, f); return schema ? [[f, schema]] : []; })) },
            required: ['action'],
          },
        },
        required: ['request'],
      },
      annotations: write ? { destructiveHint: true } : { readOnlyHint: true },
    };
  }

  /** A hosted tool changes data when its twins do (manage_*); the twins' readOnlyHint stays the one source. */
  private isWriteTool(tool: HostedTool): boolean {
    const twin = this.twins.get(tool.actions[0].twin);
    return twin ? isWrite(twin) : false;
  }

  override async call(name: string, args: unknown, ctx: ToolContext, view?: CallView): Promise<CallResult> {
    const tool = BY_NAME.get(name);
    if (tool) return this.callHosted(tool, args, ctx);
    const hosted = HOSTED_FORM.get(name);
    if (hosted) return errorResult(`${name} is offered on this server's hosted tool surface as ${hostedCall(name)}.`);
    return super.call(name, args, ctx, view);
  }

  /** A hosted tool's call is its action's twin, with the mapped fields; a classic name routes as on the classic surface (the card's own reads). */
  override route(name: string, args: unknown): RoutedCall | undefined {
    const tool = BY_NAME.get(name);
    if (!tool) return super.route(name, args);
    return this.routeHosted(tool, args).call;
  }

  private async callHosted(tool: HostedTool, args: unknown, ctx: ToolContext): Promise<CallResult> {
    const { call, error } = this.routeHosted(tool, args);
    return call ? super.call(call.tool, call.args, ctx, call.view) : error;
  }

  /** The twin, its arguments and the hosted view of its errors; or the error that refuses the request. */
  private routeHosted(tool: HostedTool, args: unknown): { call: RoutedCall; error?: never } | { call?: never; error: CallResult } {
    const offered = this.offered(tool);
    const valid = [...new Set(offered.map((r) => r.action))];
    const bad = (text: string) => ({ error: errorResult(`Invalid arguments for ${tool.name}: ${text}`) });
    const extraKeys = isObject(args) ? Object.keys(args).filter((k) => k !== 'request') : [];
    if (extraKeys.length) return bad(`unknown argument "${extraKeys[0].slice(0, 40)}": everything goes inside "request"`);
    const request = isObject(args) ? args.request : undefined;
    if (!isObject(request)) {
      return bad(`argument "request" is required: an object with "action" (one of ${quoted(valid)}) and that action's fields, got ${describeGiven(request)}`);
    }
    const action = request.action;
    const rows = tool.actions.filter((r) => r.action === action);
    // A tool none of whose actions is offered is not listed: say why rather than list no valid action.
    if (!offered.length && !rows.length) return { error: errorResult(this.refusal(tool.name, tool.actions[0])) };
    if (!rows.length) return bad(`argument "request.action": expected one of ${quoted(valid)}, got ${describeGiven(action)}`);
    const row = this.pickRow(rows, request);
    if (typeof row === 'string') return bad(row);
    const label = `${tool.name} (request.action "${row.action}")`;
    if (!offered.includes(row)) return { error: errorResult(this.refusal(label, row)) };
    const allowed = fieldList(row);
    const unknown = Object.keys(request).filter((k) => k !== 'action' && !allowed.includes(k));
    const badField = (text: string) => ({ error: errorResult(`Invalid arguments for ${label}: ${text}`) });
    const notHere = unknown.find((k) => row.unsupported?.[k]);
    if (notHere) return badField(`argument "request.${notHere}" is a field of PagerDuty's hosted server that this server does not support: ${row.unsupported![notHere]}`);
    if (unknown.length) {
      return badField(`unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"request.${k.slice(0, 40)}"`).join(', ')} for action "${row.action}" (allowed: ${quoted(allowed)})`);
    }
    const mapped = mapFields(row, request);
    if (typeof mapped === 'string') return badField(mapped);
    return { call: { tool: row.twin, args: mapped, view: { label, path: (where) => `request.${hostedPath(row, where)}` } } };
  }

  /** The row of an action that several twins share (context, by context_type). */
  private pickRow(rows: HostedAction[], request: Record<string, unknown>): HostedAction | string {
    const when = rows[0].when;
    if (!when) return rows[0];
    const value = request[when.field];
    const row = rows.find((r) => r.when?.value === value);
    return row ?? `argument "request.${when.field}": expected one of ${quoted(rows.map((r) => r.when?.value ?? ''))}, got ${describeGiven(value)}`;
  }

  /** Why an action of the table is not offered: as the classic tool's refusal says, under the hosted name. */
  private refusal(label: string, row: HostedAction): string {
    const twin = this.twins.get(row.twin);
    if (twin && isWrite(twin) && !this.selection.enableWrites) {
      return `${label} changes PagerDuty data and write tools are disabled. Enable them with --enable-write-tools (VS Code setting "pagerduty.enableWriteTools").`;
    }
    return `${label} is not enabled in this configuration: its classic twin ${row.twin} is outside the toolsets / allowed tools.`;
  }
}

/** How a model calls a classic twin on the hosted surface: `browse_incidents with request.action "context", context_type "past"`. */
export function hostedCall(twin: string): string {
  const at = HOSTED_FORM.get(twin);
  if (!at) return twin;
  return `${at.tool} with request.action "${at.row.action}"${at.row.when ? `, ${at.row.when.field} "${at.row.when.value}"` : ''}`;
}

const TWIN_NAMES = new RegExp(`\\b(${[...TWINS].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/**
 * A text for the model (a prompt, the investigate request) in the terms of the surface it is offered: on the hosted
 * surface each classic twin's name becomes its hosted call.
 */
export function inSurfaceTerms(text: string, toolbox: object): string {
  return toolbox instanceof HostedToolbox ? text.replace(TWIN_NAMES, (name) => hostedCall(name)) : text;
}

/** The request minus `action` (and a selecting field), in the twin's terms; a string is the error. */
function mapFields(row: HostedAction, request: Record<string, unknown>): Record<string, unknown> | string {
  const out: Record<string, unknown> = structuredClone(request);
  delete out.action;
  if (row.when) delete out[row.when.field];
  if (row.fixed) {
    const value = take(out, row.fixed.path);
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(row.fixed.value)) {
      return `argument "request.${row.fixed.path}": ${row.fixed.otherwise}, got ${describeGiven(value)}`;
    }
  }
  for (const [path, table] of Object.entries(row.values ?? {})) {
    const value = take(out, path);
    if (value !== undefined) put(out, path, typeof value === 'string' ? (table[value] ?? value) : value);
  }
  for (const [from, to] of Object.entries(row.rename ?? {})) {
    const value = take(out, from);
    if (value !== undefined) put(out, to, value);
  }
  return out;
}

/** A twin's argument path back in hosted terms, for error messages. */
function hostedPath(row: HostedAction, where: string): string {
  for (const [from, to] of Object.entries(row.rename ?? {})) {
    if (where === to || where.startsWith(`${to}.`) || where.startsWith(`${to}[`)) return from + where.slice(to.length);
  }
  return where;
}

/** Removes and returns the value at a dotted path of objects; a wrapper object left empty goes too. */
function take(root: Record<string, unknown>, path: string): unknown {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const chain: Record<string, unknown>[] = [root];
  for (const key of keys) {
    const next = chain[chain.length - 1][key];
    if (!isObject(next)) return undefined;
    chain.push(next);
  }
  const node = chain[chain.length - 1];
  if (!(last in node)) return undefined;
  const value = node[last];
  delete node[last];
  for (let i = keys.length - 1; i >= 0 && Object.keys(chain[i + 1]).length === 0; i--) delete chain[i][keys[i]];
  return value;
}

function put(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = root;
  for (const key of keys) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}
