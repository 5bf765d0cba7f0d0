// The contract between an agent-mode test and the scripted model (test/e2e/agent/model): the test writes a Script
// to the file named by E2E_MODEL_SCRIPT; the model answers each request from it and appends a ModelRequest line to
// E2E_MODEL_LOG. No state lives in the model: each reply follows from the conversation it is sent.
import { readFileSync } from 'node:fs';
import { FENCE_CLOSE, FENCE_OPEN } from '../../../src/model/untrusted';

export interface ToolStep {
  /** A tool's bare name (list_incidents): the model calls the offered tool whose name is it or ends in _<it>. */
  tool: string;
  input: Record<string, unknown>;
}
export interface TextStep {
  text: string;
}
export type Step = ToolStep | TextStep;

export interface Scenario {
  /** Picked when the user's request contains this text. */
  match: string;
  /** Replies in order: the n-th reply after the user's request is steps[n]. */
  steps: Step[];
}

export interface Script {
  scenarios: Scenario[];
}

/** One part of a chat message as the model received it, flattened to text. */
export type LoggedPart =
  | { type: 'text'; text: string }
  | { type: 'toolCall'; callId: string; name: string; input: unknown }
  | { type: 'toolResult'; callId: string; text: string }
  | { type: 'other'; text: string };

export interface LoggedMessage {
  role: 'user' | 'assistant' | 'system';
  parts: LoggedPart[];
}

/** One request to the model, as logged (one JSON line each). */
export interface ModelRequest {
  at: string;
  /** The text inside <userRequest>, or the last user text. */
  userRequest: string;
  scenario?: string;
  step: number;
  tools: string[];
  /** Tools Copilot folded into an "activate_…" tool (its 88-tool budget), by that tool's name. */
  folded?: Record<string, string[]>;
  messages: LoggedMessage[];
  reply: { tool?: string; input?: unknown; text?: string };
}

/** The scripted model's log: every request it received, in order (none before its first). */
export function readModelLog(file: string): ModelRequest[] {
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ModelRequest);
}

/** One untrusted-data block as the server fences it (src/model/untrusted.ts). Not global: it keeps no lastIndex. */
export const FENCED_DATA = new RegExp(`${FENCE_OPEN}\\n[\\s\\S]*?\\n${FENCE_CLOSE}`);

/** Every fenced block in a text. */
export function fencedBlocks(text: string): string[] {
  return text.match(new RegExp(FENCED_DATA.source, 'g')) ?? [];
}

/** The text with its fenced blocks removed: what the model would read as the tool's own words. */
export function outsideFences(text: string): string {
  return text.replace(new RegExp(FENCED_DATA.source, 'g'), '');
}

/** How Copilot replaces a tool result over 8 KB: a pointer to the file it wrote the result to (captured). */
export const SPILLED_RESULT = /^Large tool result \([^)]*\) written to file\. Use the read_file tool to access the content at: (.+)$/;

export const MODEL_VENDOR = 'pagerduty-e2e';
export const MODEL_ID = 'scripted';
export const MODEL_NAME = 'Scripted Test Model';
