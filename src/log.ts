// The "PagerDuty" output channel. Every line goes through redact(), so a token can never reach it.
import * as vscode from 'vscode';
import { redact } from './pagerduty/redact';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  debug(message: string): void;
  show(): void;
}

export function createLogger(context: vscode.ExtensionContext): Logger {
  const channel = vscode.window.createOutputChannel('PagerDuty', { log: true });
  context.subscriptions.push(channel);
  const detail = (error: unknown) => (error === undefined ? '' : `: ${error instanceof Error ? error.message : String(error)}`);
  return {
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    error: (m, e) => channel.error(redact(m + detail(e))),
    debug: (m) => channel.debug(redact(m)),
    show: () => channel.show(true),
  };
}
