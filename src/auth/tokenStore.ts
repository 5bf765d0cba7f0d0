// The PagerDuty token lives only in SecretStorage (OS keychain on desktop). This wraps it with a cache and one
// change event that also fires when another window signs in or out.
import * as vscode from 'vscode';
import { registerSecret } from '../pagerduty/redact';

export const TOKEN_SECRET_KEY = 'pagerduty.token';

export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the stored token changed (here or in another window). */
  readonly onDidChange = this.changed.event;
  private cached?: Promise<string | undefined>;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Fires for this window's own writes too; comparing values keeps one event per real change.
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key !== TOKEN_SECRET_KEY) return;
      const before = await this.cached;
      this.cached = undefined;
      if ((await this.get()) !== before) this.changed.fire();
    });
  }

  get(): Promise<string | undefined> {
    this.cached ??= Promise.resolve(this.secrets.get(TOKEN_SECRET_KEY)).then(
      (token) => {
        registerSecret(token);
        return token || undefined;
      },
      () => {
        this.cached = undefined;
        return undefined;
      },
    );
    return this.cached;
  }

  async store(token: string): Promise<void> {
    registerSecret(token);
    const before = await this.get();
    this.cached = Promise.resolve(token);
    await this.secrets.store(TOKEN_SECRET_KEY, token);
    if (before !== token) this.changed.fire();
  }

  async delete(): Promise<void> {
    const before = await this.get();
    this.cached = Promise.resolve(undefined);
    await this.secrets.delete(TOKEN_SECRET_KEY);
    if (before !== undefined) this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
