/**
 * The ARIA toolbar pattern for a row of buttons: one Tab stop (the last button used, else the first enabled one), and
 * Left/Right/Home/End to move between the buttons. Disabled buttons stay reachable (aria-disabled, never `disabled`),
 * so a screen-reader user learns what exists, and focus is never dropped when a button turns unavailable.
 */
import { el, isUnavailable } from './incident';

function buttonsOf(bar: HTMLElement): HTMLButtonElement[] {
  return Array.from(bar.querySelectorAll<HTMLButtonElement>(':scope > button'));
}

/** Makes `stop` (or the current stop, or the first enabled button) the toolbar's only Tab stop. */
export function setTabStop(bar: HTMLElement, stop?: HTMLElement): void {
  const items = buttonsOf(bar);
  const chosen = (stop && items.find((b) => b === stop)) ?? items.find((b) => b.tabIndex === 0) ?? items.find((b) => !isUnavailable(b)) ?? items[0];
  for (const b of items) b.tabIndex = b === chosen ? 0 : -1;
}

/** The next enabled button after `from` (wrapping), for when the one just used is no longer available. */
export function nextAvailable(bar: HTMLElement, from: HTMLElement): HTMLButtonElement | undefined {
  const items = buttonsOf(bar);
  const start = items.indexOf(from as HTMLButtonElement);
  for (let step = 1; step <= items.length; step++) {
    const candidate = items[(start + step) % items.length]!;
    if (!isUnavailable(candidate)) return candidate;
  }
  return undefined;
}

export function toolbar(label: string, cls = 'actions'): HTMLElement {
  const bar = el('div', { cls, attrs: { role: 'toolbar', 'aria-label': label } });
  bar.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLButtonElement && event.target.parentElement === bar) setTabStop(bar, event.target);
  });
  bar.addEventListener('keydown', (event) => {
    const items = buttonsOf(bar);
    const at = items.indexOf(event.target as HTMLButtonElement);
    if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    // In a right-to-left page, Left moves on (the visual order is reversed).
    const forward = getComputedStyle(bar).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
    const index = { [forward]: (at + 1) % items.length, [back]: (at - 1 + items.length) % items.length, Home: 0, End: items.length - 1 }[event.key];
    if (index === undefined) return;
    event.preventDefault();
    items[index]!.focus();
  });
  return bar;
}
