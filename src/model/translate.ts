// How modules without a `vscode` import (view models, bulk summary) take user-visible text: the extension passes
// vscode.l10n.t, unit tests and the bench get `formatOnly`.
export type Translate = (message: string, ...args: string[]) => string;

/** Fills {0}, {1}… and translates nothing. */
export const formatOnly: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
