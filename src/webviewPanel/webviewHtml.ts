import { randomBytes } from 'node:crypto';

/**
 * The HTML document of a webview page (pure: no `vscode` import, so a browser test can build it). No data is ever interpolated into it (pages get
 * everything through postMessage), so only URIs, the nonce and a fixed title appear below.
 */
export interface WebviewPageParts {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUris: string[];
  nonce: string;
  title: string;
}

/** 128 random bits, base64: a script nonce must not be guessable (never Math.random). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function webviewCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
}

export function buildWebviewHtml(parts: WebviewPageParts): string {
  const values: [string, string][] = [
    ['cspSource', parts.cspSource],
    ['scriptUri', parts.scriptUri],
    ['nonce', parts.nonce],
    ['title', parts.title],
    ...parts.styleUris.map((u): [string, string] => ['styleUri', u]),
  ];
  for (const [name, value] of values) {
    // These come from VS Code or from our code, but a quote would still break out of the attribute: refuse it.
    if (/["<>&\r\n]/.test(value)) throw new Error(`Unsafe ${name} for a webview page: ${JSON.stringify(value)}`);
  }
  const links = parts.styleUris.map((uri) => `<link rel="stylesheet" href="${uri}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${webviewCsp(parts.cspSource, parts.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
<title>${parts.title}</title>
</head>
<body>
<main id="app"></main>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>
`;
}
