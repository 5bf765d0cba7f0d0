// "PagerDuty: Sign In": asks for a user API token, checks it against /users/me, stores it in SecretStorage.
//
// Automation (tests, scripts): `executeCommand('pagerduty.signIn', { token, fromEmail? })` skips the input boxes
// and resolves to a SignInResult instead of waiting on the user; messages are still shown as notifications.
import * as vscode from 'vscode';
import { cleanToken, tokenProblem } from '../auth/tokenInput';
import type { TokenStore } from '../auth/tokenStore';
import { isEmail, validateToken, type Validation } from '../auth/validateToken';
import { readSettings, saveFromEmail } from '../config/vscodeSettings';
import type { Logger } from '../log';

export interface SignInArgs {
  token?: string;
  fromEmail?: string;
}

export type SignInResult =
  | { outcome: 'signedIn'; user?: { name: string; email: string }; accountKey: boolean; strippedPrefix?: string }
  | { outcome: 'rejected'; reason: 'unauthorized' | 'forbidden' | 'invalid' | 'failed' | 'needsFromEmail'; message: string }
  | { outcome: 'cancelled' };

const PROFILE_HINT = () => vscode.l10n.t('Create one in PagerDuty: My Profile → User Settings → Create API User Token.');

export function signInCommand(tokens: TokenStore, log: Logger) {
  return async (args?: SignInArgs): Promise<SignInResult> => {
    const automated = typeof args?.token === 'string';
    const result = automated ? await signInWith(args!.token!, args?.fromEmail, tokens, log, false) : await interactiveSignIn(tokens, log);
    report(result, automated);
    return result;
  };
}

async function check(raw: string, log: Logger): Promise<{ token: string; strippedPrefix?: string; validation: Validation } | { rejected: SignInResult }> {
  const { token, strippedPrefix } = cleanToken(raw);
  const problem = tokenProblem(token);
  if (problem) {
    return {
      rejected: {
        outcome: 'rejected',
        reason: 'invalid',
        message: vscode.l10n.t('That is not a usable PagerDuty API token: {0}. {1}', problem, PROFILE_HINT()),
      },
    };
  }
  const s = readSettings();
  log.info(`Checking a PagerDuty token against ${s.apiBaseUrl || `the ${s.region.toUpperCase()} region`}…`);
  const validation = await validateToken({ token, region: s.region, baseUrl: s.apiBaseUrl || undefined });
  return { token, strippedPrefix, validation };
}

function rejection(validation: Validation): SignInResult | undefined {
  switch (validation.kind) {
    case 'unauthorized':
      return {
        outcome: 'rejected',
        reason: 'unauthorized',
        message: vscode.l10n.t('PagerDuty rejected this token (401): it is invalid, expired or revoked. {0}', PROFILE_HINT()),
      };
    case 'forbidden':
      return {
        outcome: 'rejected',
        reason: 'forbidden',
        message: vscode.l10n.t(
          'PagerDuty accepted the token but refused to read your user (403): the token or your role lacks permission. Use a user API token with at least read access.',
        ),
      };
    case 'failed':
      return { outcome: 'rejected', reason: 'failed', message: vscode.l10n.t('Could not check the token: {0}', validation.message) };
    default:
      return undefined;
  }
}

async function signInWith(raw: string, fromEmail: string | undefined, tokens: TokenStore, log: Logger, interactive: boolean): Promise<SignInResult> {
  const checked = await check(raw, log);
  if ('rejected' in checked) return checked.rejected;
  const rejected = rejection(checked.validation);
  if (rejected) return rejected;
  return finish(checked.token, checked.strippedPrefix, checked.validation, fromEmail, tokens, log, interactive);
}

async function finish(
  token: string,
  strippedPrefix: string | undefined,
  validation: Validation,
  fromEmail: string | undefined,
  tokens: TokenStore,
  log: Logger,
  interactive: boolean,
): Promise<SignInResult> {
  if (validation.kind === 'accountKey') {
    // Account-level keys have no user, so writes need an explicit From email.
    let email = fromEmail?.trim() || readSettings().fromEmail;
    if (!email && interactive) {
      email =
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('PagerDuty: account-level API key'),
          prompt: vscode.l10n.t(
            'This is an account-level API key, which has no user. Enter the email of the PagerDuty user that changes (acknowledge, resolve, notes) should be made as.',
          ),
          placeHolder: 'name@example.com',
          ignoreFocusOut: true,
          validateInput: (v) => (isEmail(v) ? undefined : vscode.l10n.t('Enter an email address of a PagerDuty user.')),
        })) ?? '';
      if (!email) return { outcome: 'cancelled' };
    }
    if (!email || !isEmail(email)) {
      return {
        outcome: 'rejected',
        reason: 'needsFromEmail',
        message: vscode.l10n.t('This is an account-level API key: also give the email of a PagerDuty user (setting "pagerduty.fromEmail").'),
      };
    }
    if (email !== readSettings().fromEmail) await saveFromEmail(email);
    await tokens.store(token);
    log.info(`Signed in with an account-level API key; From email ${email}.`);
    return { outcome: 'signedIn', accountKey: true, strippedPrefix };
  }
  if (validation.kind !== 'user') return { outcome: 'cancelled' };
  await tokens.store(token);
  log.info(`Signed in as ${validation.user.name} (${validation.user.email}).`);
  return { outcome: 'signedIn', accountKey: false, user: { name: validation.user.name, email: validation.user.email }, strippedPrefix };
}

/** A password box that stays open on a bad token and says what is wrong, so the user can paste again. */
function interactiveSignIn(tokens: TokenStore, log: Logger): Promise<SignInResult> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = vscode.l10n.t('PagerDuty: Sign In');
    box.prompt = vscode.l10n.t('Paste a PagerDuty user API token. {0}', PROFILE_HINT());
    box.password = true;
    box.ignoreFocusOut = true;
    let done = false;
    const settle = (result: SignInResult) => {
      if (done) return;
      done = true;
      box.dispose();
      resolve(result);
    };
    box.onDidHide(() => settle({ outcome: 'cancelled' }));
    box.onDidAccept(async () => {
      if (box.busy) return;
      box.busy = true;
      box.enabled = false;
      try {
        const checked = await check(box.value, log);
        const rejected = 'rejected' in checked ? checked.rejected : rejection(checked.validation);
        if (rejected && rejected.outcome === 'rejected') {
          box.validationMessage = rejected.message;
          log.warn(`Sign-in rejected: ${rejected.reason}`);
          return;
        }
        if ('rejected' in checked) return;
        // The account-key email prompt replaces this box; keep the result even if the box hides meanwhile.
        done = true;
        box.hide();
        box.dispose();
        resolve(await finish(checked.token, checked.strippedPrefix, checked.validation, undefined, tokens, log, true));
      } finally {
        box.busy = false;
        box.enabled = true;
      }
    });
    box.show();
  });
}

function report(result: SignInResult, automated: boolean) {
  if (result.outcome === 'signedIn') {
    const prefix = result.strippedPrefix
      ? vscode.l10n.t('(Removed the "{0}" prefix: PagerDuty needs only the token itself.) ', result.strippedPrefix)
      : '';
    const who = result.user
      ? vscode.l10n.t('Signed in to PagerDuty as {0} ({1}).', result.user.name, result.user.email)
      : vscode.l10n.t('Signed in to PagerDuty with an account-level API key.');
    void vscode.window.showInformationMessage(prefix + who);
  } else if (result.outcome === 'rejected' && automated) {
    // Interactive rejections are shown inside the input box already.
    void vscode.window.showErrorMessage(result.message);
  }
}
