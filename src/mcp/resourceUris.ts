/** Our MCP resource URIs, apart from the server code so the extension can name them without bundling the SDK server. */
export const MY_ONCALL_URI = 'pagerduty://oncall/me';

export function incidentUri(id: string): string {
  return `pagerduty://incidents/${encodeURIComponent(id)}`;
}
