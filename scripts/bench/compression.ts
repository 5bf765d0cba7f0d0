/** list_incidents for 100 incidents: what the model reads against what PagerDuty sent. */
import assert from 'node:assert/strict';
import { startMcp } from '../../test/support/mcpHarness';
import { sanitize } from '../../src/model/untrusted';
import { startSimulator } from '../../test/simulator/index';
import { figure, type Figure } from './figure';

/** Fields a responder needs from each incident; the text must still carry them. */
const KEY_FIELDS: ((raw: any) => string | undefined)[] = [
  (i) => i.id,
  (i) => i.status,
  (i) => i.urgency,
  (i) => i.created_at?.slice(0, 16),
  (i) => i.service?.summary,
  (i) => i.title?.slice(0, 24),
];

export async function compressionFigures(): Promise<Figure[]> {
  const sim = await startSimulator({ incidents: 160 });
  const s = await startMcp({ sim });
  try {
    const r = await s.ok('list_incidents', { limit: 100, date_range: 'all' });
    assert.equal(r.structured.incidents.length, 100, 'expected 100 incidents');
    // Ask PagerDuty (the simulator) the very same question the tool asked, and keep the raw bytes.
    const sent = sim.requests.filter((q) => q.method === 'GET' && q.path === '/incidents').at(-1)!;
    const res = await fetch(`${sim.url}/incidents?${sent.query}`, {
      headers: { Authorization: `Token token=${sim.tokens.user}`, Accept: 'application/vnd.pagerduty+json;version=2' },
    });
    const rawText = await res.text();
    const raw = JSON.parse(rawText).incidents as any[];
    const rawBytes = Buffer.byteLength(rawText);
    const textBytes = Buffer.byteLength(r.text);
    const structuredBytes = Buffer.byteLength(JSON.stringify(r.structured));
    let missing = 0;
    const examples: string[] = [];
    for (const incident of raw) {
      for (const field of KEY_FIELDS) {
        // Compared as the model sees it: invisible and bidi characters are stripped from untrusted text on purpose.
        const raw = field(incident);
        const v = raw === undefined ? undefined : sanitize(raw);
        if (v && !r.text.includes(v)) {
          missing += 1;
          if (examples.length < 3) examples.push(`${incident.id}: "${v}"`);
        }
      }
    }
    return [
      figure('list_incidents.raw_bytes', 'raw GET /incidents?limit=100', rawBytes, 'bytes'),
      figure('list_incidents.text_bytes', 'list_incidents text (100 incidents)', textBytes, 'bytes', undefined, `structured: ${structuredBytes} bytes`),
      figure('list_incidents.ratio', 'text / raw', (100 * textBytes) / rawBytes, '%', 20),
      figure(
        'list_incidents.key_fields_missing',
        'key fields missing from text',
        missing,
        'fields',
        0,
        `id, status, urgency, created_at, service, title × ${raw.length}${examples.length ? `; e.g. ${examples.join(', ')}` : ''}`,
      ),
    ];
  } finally {
    await s.close();
    await sim.close();
  }
}
