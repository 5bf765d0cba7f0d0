// Dumps the web workbench's browser-side storage (every IndexedDB database, localStorage, sessionStorage) as text.
// In the web workbench the window's logs (incl. each MCP server's output channel, i.e. its stderr) and its state
// live there, and Chromium keeps IndexedDB in LevelDB files whose blocks may be Snappy-compressed, so scanning the
// profile's files alone could miss a token. Reading through the page gets the plain values.
import type { Page } from 'playwright-core';

// Runs in the page; a string because this project's TypeScript has no DOM lib.
const DUMP = `(async () => {
  const out = [];
  const dec = new TextDecoder();
  const text = (v) => {
    if (v instanceof Uint8Array) return dec.decode(v);
    if (v instanceof ArrayBuffer) return dec.decode(new Uint8Array(v));
    if (typeof v === 'string') return v;
    try { return JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? dec.decode(x) : x)); } catch { return String(v); }
  };
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await req(indexedDB.open(info.name));
    for (const store of Array.from(db.objectStoreNames)) {
      const os = db.transaction(store, 'readonly').objectStore(store);
      const [keys, values] = await Promise.all([req(os.getAllKeys()), req(os.getAll())]);
      keys.forEach((k, i) => out.push('=== indexedDB ' + info.name + '/' + store + '/' + text(k) + '\\n' + text(values[i])));
    }
    db.close();
  }
  for (const [name, s] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
    for (let i = 0; i < s.length; i++) out.push('=== ' + name + '/' + s.key(i) + '\\n' + s.getItem(s.key(i)));
  }
  return out.join('\\n');
})()`;

export async function dumpBrowserStorage(page: Page): Promise<string> {
  return (await page.evaluate(DUMP)) as string;
}
