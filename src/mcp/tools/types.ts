import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { ToolResults } from '../../model/toolResults';
import type { PagerDutyClient } from '../../pagerduty/client';
import type { Toolset } from './toolsets';

export { TOOLSETS, type Toolset } from './toolsets';

export interface ToolContext {
  client: PagerDutyClient;
  signal?: AbortSignal;
  now(): Date;
  /**
   * Asks the person (MCP elicitation). Set only when the client can show the question; tools ask through
   * tools/ask.ts and, without it, give the error they would give anyway.
   */
  elicit?(params: ElicitRequestFormParams): Promise<ElicitResult>;
}

export interface ToolOutput<O> {
  /** Concise text for the model; PagerDuty-sourced text inside it must be fenced (see untrusted.ts). */
  text: string;
  /** Machine-readable result matching the tool's output schema (the sidebar reads this). */
  structured: O;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface ToolDefinition<I extends z.ZodRawShape = z.ZodRawShape, O extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  /** Beyond PagerDuty's official tool names (the README marks these; the official-name test expects exactly them). */
  extra?: boolean;
  /**
   * Optional arguments that widen what one call answers beyond the official tool (include_integrations, …): the
   * README's table lists them after the tool's name; a unit test checks each is an optional argument of the tool.
   */
  addedOptions?: readonly string[];
  /** readOnlyHint also decides access: tools without it change data and are hidden unless writes are enabled. */
  annotations: ToolAnnotations;
  /** Built on first use (a call, or schemas when not precomputed): the server starts without constructing 100+ schemas. */
  readonly input: I;
  readonly output: O;
  /** Structured output is validated against `output` in tests; typed loosely here so shaping helpers can use interfaces. */
  handler(args: z.infer<z.ZodObject<I>>, ctx: ToolContext): Promise<ToolOutput<Record<string, unknown>>>;
}

/** A tool's structured answer: for the tools in-process callers read, their entry in ToolResults (src/model/toolResults.ts). */
export type StructuredOf<N extends string> = N extends keyof ToolResults ? ToolResults[N] : Record<string, unknown>;

/**
 * A tool as declared: its schemas are functions, so that they are built only for the tools a client uses. Its name
 * types its handler's answer (StructuredOf), so the handler of a tool the typed API calls cannot drift from it.
 */
export type ToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape, N extends string = string> = Omit<ToolDefinition<I, O>, 'name' | 'input' | 'output' | 'handler'> & {
  name: N;
  input: () => I;
  output: () => O;
  handler(args: z.infer<z.ZodObject<I>>, ctx: ToolContext): Promise<ToolOutput<StructuredOf<N>>>;
};

/** Whether the tool changes PagerDuty data: the one source is its readOnlyHint. */
export function isWrite(tool: Pick<ToolDefinition, 'annotations'>): boolean {
  return !tool.annotations.readOnlyHint;
}

/** Keeps the handler's argument types tied to the declared input shape; each schema is built once, when first read. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape, N extends string>(spec: ToolSpec<I, O, N>): ToolDefinition {
  const { input, output, ...rest } = spec;
  let inputShape: I | undefined;
  let outputShape: O | undefined;
  const tool: ToolDefinition<I, O> = {
    ...rest,
    get input() {
      return (inputShape ??= input());
    },
    get output() {
      return (outputShape ??= output());
    },
  };
  return tool as unknown as ToolDefinition;
}

export const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
/** Creates something new each call (POST): not idempotent, not destructive. */
export const CREATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
/** Replaces or changes state to a given value (PUT): repeating it has no further effect. */
export const UPDATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true };
/** Overwrites or removes existing data. */
export const DESTRUCTIVE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
