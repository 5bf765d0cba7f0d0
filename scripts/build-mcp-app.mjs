// The incident card (MCP App): one self-contained HTML page, the incident page's stylesheet and the script inlined,
// compiled into the MCP server as a string.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

export async function buildIncidentCard({ production, plugins = [] }) {
  const result = await build({
    entryPoints: ['src/webviews/incidentCard/main.ts'],
    plugins,
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // A "</script" inside the bundle would end the inline script early.
  const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = readFileSync('src/webviews/incidentPage/page.css', 'utf8').replace(/<\/style/gi, '');
  return readFileSync('src/webviews/incidentCard/card.html', 'utf8')
    .replace('/*PAGE_CSS*/', () => css)
    .replace('/*CARD_SCRIPT*/', () => script);
}
