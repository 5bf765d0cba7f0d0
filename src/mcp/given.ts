/** What the caller gave, in a few words: its JSON type and, for short scalars, the value. */
export function describeGiven(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? `the integer ${value}` : Number.isFinite(value) ? `the number ${value}` : String(value);
    case 'string':
      return value.length <= 40 ? `the string ${JSON.stringify(value)}` : `a string of ${value.length} characters`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
