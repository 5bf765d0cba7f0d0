/** 100 KB inputs shaped to make a careless frame parser backtrack: the unit test and `npm run bench` share them. */
export const HOSTILE_CODE_TEXTS: readonly string[] = [
  'a'.repeat(100_000),
  'at '.repeat(33_000),
  `at x (${'/a'.repeat(50_000)}`,
  `File "${'x'.repeat(99_990)}`,
  'a.ts:'.repeat(20_000),
  `${'.ts'.repeat(33_000)}:1`,
  `#0 ${'a.php('.repeat(20_000)}`,
  Array.from({ length: 400 }, () => `at ${'a in '.repeat(50)}:line 1`).join('\n'),
  Array.from({ length: 1000 }, (_, i) => (i % 2 ? '/x.go:1' : `main.(${'('.repeat(190)}`)).join('\n'),
  Array.from({ length: 2500 }, () => 'File "a.py", line 9999999999999999999').join('\n'),
];
