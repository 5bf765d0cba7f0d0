// Turns a failed tool result into a state the views can show, with the way out.
import { ERROR_KIND_META, resultText, type CallResult } from '../../model/callResult';
import { formatOnly, type Translate } from '../../model/translate';

export type ErrorKind = 'signedOut' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'offline' | 'other';

export interface ViewError {
  kind: ErrorKind;
  /** One line for the tree node label. */
  message: string;
  /** The tool's own text (already redacted by the registry), for the tooltip. */
  detail: string;
  /** Which action the error node offers. */
  action: 'signIn' | 'retry';
}

export function errorKindOf(result: CallResult): ErrorKind {
  if (result.signedOut) return 'signedOut'; // session.callTool's SignedOutResult
  const meta = result._meta;
  const kind = meta && typeof meta === 'object' && ERROR_KIND_META in meta ? meta[ERROR_KIND_META] : undefined;
  switch (kind) {
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
      return 'forbidden';
    case 'rate_limited':
      return 'rate_limited';
    case 'network':
    case 'timeout':
      return 'offline';
    default:
      return 'other';
  }
}

/** `t` is vscode.l10n.t in the extension and a plain formatter in tests. */
export function toViewError(result: CallResult, t: Translate = formatOnly): ViewError {
  const kind = errorKindOf(result);
  const detail = resultText(result);
  switch (kind) {
    case 'signedOut':
      return { kind, message: t('Not signed in to PagerDuty.'), detail, action: 'signIn' };
    case 'unauthorized':
      return { kind, message: t('PagerDuty rejected the token: sign in again.'), detail, action: 'signIn' };
    case 'forbidden':
      return { kind, message: t('This token may not read this data (403).'), detail, action: 'retry' };
    case 'rate_limited':
      return { kind, message: t('PagerDuty rate limit reached: retrying later.'), detail, action: 'retry' };
    case 'offline':
      return { kind, message: t('Cannot reach PagerDuty: retrying automatically.'), detail, action: 'retry' };
    default:
      return { kind, message: t('PagerDuty request failed: {0}', firstLine(detail)), detail, action: 'retry' };
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
