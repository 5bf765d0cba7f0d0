/** The page's HTML shell: a strict CSP (nothing remote, scripts only with this load's nonce) and the bundled assets. */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function pageHtml(webview: vscode.Webview, assets: vscode.Uri, title: string, lang: string): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(assetUri(assets, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset('page.css')}">
<title>${escapeAttr(title)}</title>
</head>
<body>
<div id="root" aria-busy="true"></div>
<script nonce="${nonce}" src="${asset('page.js')}"></script>
</body>
</html>`;
}

function assetUri(base: vscode.Uri, name: string): vscode.Uri {
  return base.with({ path: `${base.path}/${name}` });
}

/** Only our own values reach the shell (the title is a fixed string), but escape them anyway. */
function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
