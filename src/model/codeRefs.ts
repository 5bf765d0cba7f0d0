/**
 * Code references in PagerDuty text: the stack frames and `path:line` mentions that alert bodies, notes and incident
 * details carry. One parser for every channel (page, Problems, review document, language-model tool). No `vscode`.
 *
 * Work is bounded on any input: the text is cut to MAX_TEXT, lines and tokens longer than a frame ever is are
 * skipped, every pattern is anchored or linear, and at most MAX_REFS references come back.
 */

export interface CodeRef {
  /** As written (separators normalised to `/`, `file://` dropped); resolved to a workspace file by resolveCodeRef. */
  path: string;
  line: number;
  column?: number;
  symbol?: string;
}

const MAX_TEXT = 200_000;
const MAX_LINE = 600;
const MAX_TOKEN = 400;
const MAX_REFS = 200;
const MAX_LINE_NUMBER = 10_000_000;
/** A Go call line above its frame is short; longer ones are not read for the symbol. */
const MAX_SYMBOL_LINE = 200;

/** Source files only: `example.com:443`, `v1.2.3:4` and `12:30:45` are not code. */
const SOURCE_EXTENSIONS =
  'ts|tsx|mts|cts|js|jsx|mjs|cjs|py|java|kt|kts|scala|groovy|go|cs|fs|vb|rb|php|rs|c|cc|cpp|cxx|h|hpp|m|mm|swift|ex|exs|erl|dart|lua|pl|vue|svelte|erb';
const EXT = `\\.(?:${SOURCE_EXTENSIONS})`;
const PLAIN = new RegExp(`^(.*${EXT}):(\\d{1,8})(?::(\\d{1,8}))?(?=$|[:),.;]|\\s)`, 'i');
const LOCATION = new RegExp(`^(.*${EXT}):(\\d{1,8})(?::(\\d{1,8}))?$`, 'i');
const JAVA = /^at (?:[\w.$@-]*\/)*([\w$.<>]+)\(([\w$-]+\.(?:java|kt|kts|scala|groovy)):(\d{1,8})\)$/;
const PYTHON = /^File "([^"]+)", line (\d{1,8})(?:, in (\S+))?/;
const PHP_FRAME = /^#\d+ (.+\.php)\((\d{1,8})\): (.+)$/;
const DOTNET_LINE = /:line (\d{1,8})$/;
const RUBY_SYMBOL = /^:in [`'"]([^`'"]{1,200})['"]/;
const GO_CALL = /^([\w./*()[\]-]+)\([^()]*\)$/;
const RUST_SYMBOL = /^\d{1,4}: (\S+)$/;
/** Where a token begins and ends: whitespace and the brackets and quotes frames are wrapped in. */
const TOKEN = /[^\s"'()<>[\]{},;]+/g;

/** Every code reference in `text`, in order of appearance, each location once. */
export function codeRefsOf(text: string): CodeRef[] {
  const refs: CodeRef[] = [];
  const seen = new Map<string, CodeRef>();
  const add = (ref: CodeRef | undefined) => {
    if (!ref || refs.length >= MAX_REFS) return;
    const key = `${ref.path}:${ref.line}:${ref.column ?? ''}`;
    const known = seen.get(key);
    if (known) {
      // Rust names the panic's location first, then the same frame with its function.
      if (!known.symbol && ref.symbol) known.symbol = ref.symbol;
      return;
    }
    seen.set(key, ref);
    refs.push(ref);
  };
  const lines = String(text ?? '').slice(0, MAX_TEXT).split(/\r?\n|\r/);
  for (let i = 0; i < lines.length && refs.length < MAX_REFS; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const previous = i > 0 ? lines[i - 1]!.trim() : '';
    // A line longer than any frame (a log message, one-line JSON) is only searched for mentions, token by token.
    const frame = line.length <= MAX_LINE ? frameOf(line, previous) : undefined;
    if (frame) add(frame);
    else for (const mention of mentionsOf(line, previous)) add(mention);
  }
  return refs;
}

/** A line in one of the frame formats: its reference (else the line is searched for plain mentions). */
function frameOf(line: string, previous: string): CodeRef | undefined {
  let m = PYTHON.exec(line);
  if (m) return ref(m[1]!, m[2]!, undefined, m[3]);
  m = PHP_FRAME.exec(line);
  if (m) return ref(m[1]!, m[2]!, undefined, m[3]);
  if (!line.startsWith('at ')) return undefined;
  m = JAVA.exec(line);
  if (m) return ref(javaPath(m[1]!, m[2]!), m[3]!, undefined, m[1]);
  const dotnet = DOTNET_LINE.exec(line);
  if (dotnet) {
    const at = line.lastIndexOf(' in ', dotnet.index);
    if (at < 0) return undefined;
    const call = line.slice(3, at);
    const paren = call.indexOf('(');
    return ref(line.slice(at + 4, dotnet.index), dotnet[1]!, undefined, paren > 0 ? call.slice(0, paren) : call);
  }
  // Node/TypeScript `at symbol (location)` or `at location`; Rust's `at ./src/x.rs:1:2` under `N: symbol`.
  const open = line.endsWith(')') ? line.lastIndexOf(' (') : -1;
  const symbol = open > 3 ? line.slice(3, open) : RUST_SYMBOL.exec(previous)?.[1];
  const location = open > 3 ? line.slice(open + 2, -1) : line.slice(3).replace(/^async /, '');
  const loc = LOCATION.exec(stripFileScheme(location));
  if (!loc || isUrl(location)) return undefined;
  return ref(loc[1]!, loc[2]!, loc[3], symbol?.replace(/^async /, '') || undefined);
}

/** Plain `path/file.ext:line[:col]` mentions, PHP's `in file.php on line N` and Ruby's `file.rb:N:in 'symbol'`. */
function mentionsOf(line: string, previous: string): CodeRef[] {
  const found: CodeRef[] = [];
  const tokens = [...line.matchAll(TOKEN)];
  tokens.forEach((match, k) => {
    const token = match[0];
    if (token.length > MAX_TOKEN || isUrl(token)) return;
    const path = stripFileScheme(token);
    const m = PLAIN.exec(path);
    if (m) {
      const rest = line.slice(match.index + (token.length - path.length) + m[0].length);
      const goSymbol = /\.go$/i.test(m[1]!) && previous.length <= MAX_SYMBOL_LINE ? GO_CALL.exec(previous)?.[1] : undefined;
      const r = ref(m[1]!, m[2]!, m[3], RUBY_SYMBOL.exec(rest)?.[1] ?? goSymbol);
      if (r) found.push(r);
      return;
    }
    if (/\.php$/i.test(path) && tokens[k + 1]?.[0] === 'on' && tokens[k + 2]?.[0] === 'line') {
      const r = ref(path, tokens[k + 3]?.[0] ?? '');
      if (r) found.push(r);
    }
  });
  return found;
}

function ref(rawPath: string, line: string, column?: string, symbol?: string): CodeRef | undefined {
  const path = normalisePath(rawPath);
  const n = Number(line);
  if (!path || !/^\d+$/.test(line) || n < 1 || n > MAX_LINE_NUMBER || looksLikeHost(path)) return undefined;
  const col = column !== undefined && /^\d+$/.test(column) ? Number(column) : undefined;
  const name = symbol?.trim().slice(0, 200);
  return { path, line: n, ...(col !== undefined && col <= MAX_LINE_NUMBER ? { column: col } : {}), ...(name ? { symbol: name } : {}) };
}

/** `com.acme.payments.Charge$Inner.run` in `Charge.java` → `com/acme/payments/Charge.java`. */
function javaPath(symbol: string, file: string): string {
  const parts = symbol.split('.');
  const firstClass = parts.findIndex((p) => /^[A-Z$]/.test(p));
  const packages = firstClass > 0 ? parts.slice(0, firstClass) : [];
  return [...packages, file].join('/');
}

function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').trim();
}

function stripFileScheme(text: string): string {
  return text.replace(/^file:\/\/(?:localhost)?/i, '');
}

/** A scheme other than file: (https://, webpack://, s3://): a link, never a workspace file. */
function isUrl(text: string): boolean {
  return /^[a-z][\w+.-]*:\/\//i.test(text) && !/^file:\/\//i.test(text);
}

/** `cdn.example.com/app.js`: a host, not a folder. */
function looksLikeHost(path: string): boolean {
  const slash = path.indexOf('/');
  return slash > 0 && /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|dev|app|cloud|co|us|eu|de|uk)(?::\d+)?$/i.test(path.slice(0, slash));
}
