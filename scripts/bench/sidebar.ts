/**
 * Slots for the sidebar figures, measured by the sidebar's own harness (another part of the project fills these in).
 * Each returns a pending figure with its target until then, so the table always shows what is still unmeasured.
 */
import { pending, type Figure } from './figure';

/** Requests per minute the sidebar makes while idle (polling). */
export async function idlePollingFigure(): Promise<Figure> {
  return pending('sidebar.idle_requests_per_min', 'sidebar idle polling', 'requests/min', undefined, 'sidebar harness');
}

/** First paint of the incidents view with 10 000 incidents: one request, ≤ 300 ms. */
export async function firstPaintFigure(): Promise<Figure> {
  return pending('sidebar.first_paint_10k', 'first incidents paint, 10 000 incidents', 'ms', 300, 'sidebar harness (1 request expected)');
}

/** Time spent in the extension's activate(). */
export async function activateFigure(): Promise<Figure> {
  return pending('extension.activate', 'activate() time', 'ms', undefined, 'extension host harness');
}
