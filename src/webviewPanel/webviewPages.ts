import { buildWebviewHtml, createNonce } from './webviewHtml';

/**
 * What a webview page loads: its bundle (an esbuild entry in dist/webview/) and stylesheets, as paths
 * from the extension root, and its title. Pure, so the browser tests build exactly the page a panel shows.
 */
export interface WebviewPageAssets {
  readonly title: string;
  readonly script: string;
  readonly styles: readonly string[];
}

export const WEBVIEW_PAGES = {
  dashboard: { title: 'Redis dashboard', script: 'dist/webview/dashboard.js', styles: ['media/page.css', 'dist/webview/dashboard.css', 'media/tables.css', 'media/dashboard.css'] },
  keyEditor: { title: 'Redis key', script: 'dist/webview/keyEditor.js', styles: ['media/page.css', 'media/keyEditor.css'] },
  memoryReport: { title: 'Redis memory report', script: 'dist/webview/memory.js', styles: ['media/page.css', 'media/tables.css', 'media/memory.css'] },
} as const satisfies Record<string, WebviewPageAssets>;

/** The folders a page may load files from (`localResourceRoots`): nothing else of the extension or the disk. */
export const WEBVIEW_RESOURCE_ROOTS = ['dist', 'media'] as const;

/** The page's HTML with a fresh nonce; `uriOf` turns a path from the extension root into a URI the webview may load. */
export function webviewPageHtml(page: WebviewPageAssets, cspSource: string, uriOf: (path: string) => string): string {
  return buildWebviewHtml({ title: page.title, cspSource, nonce: createNonce(), scriptUri: uriOf(page.script), styleUris: page.styles.map(uriOf) });
}
