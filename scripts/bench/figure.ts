/** One measured figure with its target; `pass` is undefined while a figure is not measured yet. */
export interface Figure {
  id: string;
  label: string;
  value?: number;
  unit: string;
  /** Upper bound the value must stay at or under. */
  target?: number;
  pass?: boolean;
  detail?: string;
}

export function figure(id: string, label: string, value: number, unit: string, target?: number, detail?: string): Figure {
  return { id, label, value: round(value), unit, target, pass: target === undefined ? undefined : value <= target, detail };
}

/** A slot for a figure another part of the project measures (the sidebar); kept in the table so it is not forgotten. */
export function pending(id: string, label: string, unit: string, target: number | undefined, detail: string): Figure {
  return { id, label, unit, target, detail: `not measured yet: ${detail}` };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
}
