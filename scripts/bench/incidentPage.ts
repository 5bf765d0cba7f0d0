/**
 * Incident page first paint: from "open" to the page showing the incident with its data, in headless Chromium.
 * The same path as the extension: the typed API's incidents.page (8 tool calls through the in-process Toolbox, against the
 * simulator over HTTP) → buildIncidentView → postMessage → the bundled page script renders → next frame.
 * VS Code's own webview creation is not included (it is the same for every extension). Also reports the bundle size.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createToolbox } from '../../src/mcp/server';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { formatOnly } from '../../src/model/translate';
import { parseIncidentRef } from '../../src/model/incidentRef';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import { buildIncidentView } from '../../src/model/incidentPage/viewModel';
import { e2ePaths } from '../../test/e2e/harness/paths';
import { startSimulator } from '../../test/simulator/index';
import { figure, median, type Figure } from './figure';

const PAGE_DIR = path.resolve(__dirname, '../../dist/webview/incidentPage');
const RUNS = 7;
const WEBVIEW_API = 'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });';

export async function incidentPageFigures(): Promise<Figure[]> {
  const script = readFileSync(path.join(PAGE_DIR, 'page.js'), 'utf8');
  const css = readFileSync(path.join(PAGE_DIR, 'page.css'), 'utf8');
  const sim = await startSimulator();
  const browser = await chromium.launch({ executablePath: e2ePaths().chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const client = new PagerDutyClient({ token: sim.tokens.user, baseUrl: sim.url });
    const toolbox = createToolbox({ enableWrites: true, toolsets: [...TOOLSETS], structuredOutput: true });
    const api = pagerDutyApi((name, args) => toolbox.call(name, args, { client, now: () => new Date() }));
    const targets = [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved').slice(0, RUNS + 1);
    const times: number[] = [];
    const pageErrors: string[] = [];
    for (const [n, incident] of targets.entries()) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // The webview API the page expects, defined in the document itself: an init script does not reach setContent's page.
      await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><div id="root"></div><script>${WEBVIEW_API}</script></body></html>`);
      await page.addScriptTag({ content: script });
      const start = performance.now();
      const view = buildIncidentView(await api.incidents.page(parseIncidentRef(incident.id)!), Date.now(), formatOnly);
      // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
      await page.evaluate(`(() => {
        window.postMessage({ type: 'view', view: ${JSON.stringify(view)} }, '*');
        const giveUp = Date.now() + 10000;
        return new Promise((done, fail) => {
          const painted = () => document.getElementById('incident-title') ? requestAnimationFrame(() => done())
            : Date.now() > giveUp ? fail(new Error('the page rendered nothing within 10 s')) : setTimeout(painted, 1);
          painted();
        });
      })()`);
      if (pageErrors.length) throw new Error(`the page script failed: ${pageErrors.join('; ')}`);
      if (n > 0) times.push(performance.now() - start); // the first run warms up the client and the browser
      await page.close();
    }
    const size = statSync(path.join(PAGE_DIR, 'page.js')).size / 1024;
    return [
      figure('incidentPage.firstPaint', 'incident page first paint with data (median)', median(times), 'ms', 300, `${RUNS} incidents: 8 tool calls against the simulator, view model, render, next frame; max ${Math.round(Math.max(...times))} ms`),
      figure('incidentPage.bundle', 'incident page script bundle', size, 'KB', 150, 'dist/webview/incidentPage/page.js (codicon font and CSS are separate files)'),
    ];
  } finally {
    await browser.close();
    await sim.close();
  }
}
