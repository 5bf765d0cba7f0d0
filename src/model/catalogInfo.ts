/**
 * The PagerDuty annotations of a Backstage `catalog-info.yaml` (the convention of Backstage's PagerDuty plugin):
 * `pagerduty.com/service-id` and `pagerduty.com/integration-key`, in every document of the file. Read line by line,
 * not by a YAML library: annotation values are plain or quoted scalars, and a file of any size or shape is read in
 * one linear pass. No `vscode`.
 */

export interface CatalogAnnotations {
  /** `metadata.name` of the first entity that carries an annotation, for labels. */
  name?: string;
  serviceIds: string[];
  integrationKeys: string[];
}

/** Larger than any catalog file; the rest is not read. */
const MAX_BYTES = 256 * 1024;
const ANNOTATION = /^\s*["']?pagerduty\.com\/(service-id|integration-key)["']?\s*:\s*(.*)$/;
const NAME = /^\s{1,8}name\s*:\s*(.*)$/;
/** What a service id or an integration key can be: letters and digits (no spaces, quotes, YAML syntax). */
const VALUE = /^[A-Za-z0-9_-]{1,64}$/;

function scalar(raw: string): string {
  const value = raw.replace(/\s+#.*$/, '').trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]!.trim() : value;
}

export function catalogAnnotationsOf(text: string): CatalogAnnotations {
  const found: CatalogAnnotations = { serviceIds: [], integrationKeys: [] };
  let entityName: string | undefined;
  for (const line of String(text ?? '').slice(0, MAX_BYTES).split(/\r?\n/)) {
    if (/^---/.test(line)) entityName = undefined;
    const name = NAME.exec(line);
    if (name && entityName === undefined) entityName = scalar(name[1]!);
    const m = ANNOTATION.exec(line);
    if (!m) continue;
    const value = scalar(m[2]!);
    if (!VALUE.test(value)) continue;
    const list = m[1] === 'service-id' ? found.serviceIds : found.integrationKeys;
    if (!list.includes(value)) list.push(value);
    found.name ??= entityName && VALUE.test(entityName.replace(/\./g, '')) ? entityName : undefined;
  }
  return found;
}
