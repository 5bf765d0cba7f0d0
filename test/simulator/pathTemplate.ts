/**
 * Matching of OpenAPI-style path templates (`/incidents/{id}/notes`), shared by the router and the
 * OpenAPI operation matcher so both agree on which template a request path belongs to.
 * Specificity: at the first segment where two templates differ, a literal beats a `{param}`,
 * so `/incidents/types` wins over `/incidents/{id}`.
 */
export interface CompiledTemplate<T> {
  template: string;
  segments: string[];
  value: T;
}

export class TemplateTable<T> {
  private readonly byLength = new Map<number, CompiledTemplate<T>[]>();

  add(template: string, value: T): void {
    const segments = splitPath(template);
    const list = this.byLength.get(segments.length) ?? [];
    list.push({ template, segments, value });
    list.sort((a, b) => compareSpecificity(a.segments, b.segments));
    this.byLength.set(segments.length, list);
  }

  match(pathname: string): { entry: CompiledTemplate<T>; params: Record<string, string> } | undefined {
    const parts = splitPath(pathname);
    for (const entry of this.byLength.get(parts.length) ?? []) {
      const params = matchSegments(entry.segments, parts);
      if (params) return { entry, params };
    }
    return undefined;
  }
}

function splitPath(p: string): string[] {
  return p.split('/').filter((s) => s.length > 0);
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function compareSpecificity(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const pa = isParam(a[i]);
    const pb = isParam(b[i]);
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const seg = template[i];
    if (isParam(seg)) {
      let value: string;
      try {
        value = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
      params[seg.slice(1, -1)] = value;
    } else if (seg !== parts[i]) {
      return undefined;
    }
  }
  return params;
}
