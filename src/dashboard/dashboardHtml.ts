import { randomBytes } from 'node:crypto';

/**
 * The one HTML document of the dashboard webview. No data is ever interpolated into it (the page
 * gets everything through postMessage), so only URIs and the nonce appear below.
 */
export interface DashboardHtmlParts {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview/dashboard.js)`, as a string. */
  scriptUri: string;
  /** Stylesheets in order: the bundled chart CSS (dist/webview/dashboard.css), then media/dashboard.css. */
  styleUris: string[];
  nonce: string;
}

/** 128 random bits, base64: a script nonce must not be guessable (never Math.random). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function dashboardCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function buildDashboardHtml(parts: DashboardHtmlParts): string {
  const values: [string, string][] = [['cspSource', parts.cspSource], ['scriptUri', parts.scriptUri], ['nonce', parts.nonce], ...parts.styleUris.map((u): [string, string] => ['styleUri', u])];
  for (const [name, value] of values) {
    // These come from VS Code, but a quote would still break out of the attribute: refuse it.
    if (/["<>\r\n]/.test(value)) throw new Error(`Unsafe ${name} for the dashboard HTML: ${JSON.stringify(value)}`);
  }
  const links = parts.styleUris.map((uri) => `<link rel="stylesheet" href="${uri}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${dashboardCsp(parts.cspSource, parts.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
<title>Redis dashboard</title>
</head>
<body>
<main id="app"></main>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>
`;
}
