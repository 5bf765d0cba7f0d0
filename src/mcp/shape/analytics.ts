import { time, type Raw } from './common';

/** One analytics row: the identifying fields PagerDuty sent plus every numeric metric, nothing else. */
export type MetricsRow = Record<string, string | number>;

const LABELS = ['service_id', 'service_name', 'team_id', 'team_name', 'responder_id', 'responder_name'];

export function shapeMetricsRow(raw: Raw): MetricsRow {
  const row: MetricsRow = {};
  for (const key of LABELS) if (raw[key] !== undefined && raw[key] !== null) row[key] = String(raw[key]);
  const start = time(raw.range_start);
  if (start) row.range_start = start;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'number' && Number.isFinite(value)) row[key] = value;
  }
  return row;
}

/** 3725 -> "1h 2m"; PagerDuty reports durations in seconds, which read poorly at scale. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function label(row: MetricsRow): string {
  const parts = [
    row.team_name ?? row.team_id,
    row.service_name ?? row.service_id,
    row.responder_name ?? row.responder_id,
  ].filter((p) => p !== undefined);
  const when = row.range_start ? `${row.range_start} ` : '';
  return `${when}${parts.join(' / ') || 'All'}`;
}

function figures(row: MetricsRow, specs: [string, string, 'n' | 's' | '%'][]): string {
  return specs
    .filter(([key]) => typeof row[key] === 'number')
    .map(([key, name, unit]) => {
      const v = row[key] as number;
      return `${name} ${unit === 's' ? duration(v) : unit === '%' ? `${v}%` : v}`;
    })
    .join(', ');
}

export function incidentMetricsLine(row: MetricsRow): string {
  return `${label(row)}: ${figures(row, [
    ['total_incident_count', 'incidents', 'n'],
    ['total_incidents_acknowledged', 'acknowledged', 'n'],
    ['mean_seconds_to_first_ack', 'MTTA', 's'],
    ['mean_seconds_to_resolve', 'MTTR', 's'],
    ['total_escalation_count', 'escalations', 'n'],
    ['total_interruptions', 'interruptions', 'n'],
    ['up_time_pct', 'uptime', '%'],
  ])}`;
}

export function responderMetricsLine(row: MetricsRow): string {
  return `${label(row)}: ${figures(row, [
    ['total_incident_count', 'incidents', 'n'],
    ['total_incidents_acknowledged', 'acknowledged', 'n'],
    ['mean_time_to_acknowledge_seconds', 'MTTA', 's'],
    ['total_interruptions', 'interruptions', 'n'],
    ['total_business_hour_interruptions', 'business-hours', 'n'],
    ['total_off_hour_interruptions', 'off-hours', 'n'],
    ['total_sleep_hour_interruptions', 'sleep-hours', 'n'],
    ['total_seconds_on_call', 'on call', 's'],
  ])}`;
}
