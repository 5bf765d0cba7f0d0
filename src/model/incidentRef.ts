/**
 * How people, links and models name an incident: its id (Q1ABC23), its number (1234) or the number as "#1234".
 * One parser for every place that reads one (tool arguments, commands, the page, vscode:// links). The key is the
 * reference without "#": what PagerDuty's /incidents/{id} takes, for an id and a number alike.
 */

/** A key as the UI accepts it: letters and digits (ids are 7-14 of them, numbers up to 12 digits). */
const KEY = /^[A-Za-z0-9]{1,20}$/;
const NUMBER = /^\d+$/;

declare const CHECKED: unique symbol;

/**
 * An incident reference checked where it entered the extension (a command argument, a tree node, a vscode:// link, a
 * typed number): what the page, the commands and the typed API take from then on, without normalising it again.
 */
export type IncidentKey = string & { readonly [CHECKED]: true };

/** The key of a reference already checked elsewhere (a tool argument): trimmed, without "#". */
export function incidentKey(ref: string): string {
  return ref.trim().replace(/^#/, '');
}

/** Whether a value is a key (an id or a number, no "#"). */
export function isIncidentKey(value: string): value is IncidentKey {
  return KEY.test(value);
}

/** The key of what a person typed or a link carried ("Q1ABC23", "1234", "#1234"), or undefined if it is none. */
export function parseIncidentRef(text: string): IncidentKey | undefined {
  const key = incidentKey(text);
  return isIncidentKey(key) ? key : undefined;
}

/** A number rather than an id: PagerDuty's sub-resources need it looked up first. */
export function isIncidentNumber(key: string): boolean {
  return NUMBER.test(key);
}
