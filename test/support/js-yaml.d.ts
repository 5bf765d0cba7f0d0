// The functions of js-yaml the tests and scripts/package-plugin.ts use (the package ships no types).
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function dump(value: unknown, options?: { lineWidth?: number }): string;
}
