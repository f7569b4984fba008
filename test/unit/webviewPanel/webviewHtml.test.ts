import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildWebviewHtml, createNonce, webviewCsp } from '../../../src/webviewPanel/webviewHtml';
import { WEBVIEW_PAGES, WEBVIEW_RESOURCE_ROOTS, webviewPageHtml } from '../../../src/webviewPanel/webviewPages';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/dashboard.js',
  title: 'Redis dashboard',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/dashboard.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dashboard.css'],
};

describe('webview HTML (dashboard and key editor)', () => {
  it('allows nothing by default, scripts only by nonce, styles and images only from the webview source', () => {
    const csp = webviewCsp(parts.cspSource, parts.nonce);
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc123=='; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  });
  it('loads one nonce-d script and the stylesheets in order, with no inline script, style or handler', () => {
    const html = buildWebviewHtml(parts);
    assert.ok(html.includes(`content="${webviewCsp(parts.cspSource, parts.nonce)}"`));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="abc123==" src="${parts.scriptUri}"></script>`));
    assert.ok(html.indexOf(parts.styleUris[0]) < html.indexOf(parts.styleUris[1]));
    assert.ok(!/<style|style=|\son\w+=/i.test(html));
  });
  it('refuses values that would break out of an attribute', () => {
    assert.throws(() => buildWebviewHtml({ ...parts, scriptUri: 'x"><script>alert(1)</script>' }), /Unsafe scriptUri/);
  });
  it('makes a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, createNonce());
  });
});

describe('webview pages (what each panel loads)', () => {
  const root = path.resolve(__dirname, '../../..');
  const esbuild = readFileSync(path.join(root, 'esbuild.mjs'), 'utf8');

  for (const [name, page] of Object.entries(WEBVIEW_PAGES)) {
    it(`${name}: loads an esbuild entry and stylesheets from dist/ or media/ only`, () => {
      const bundle = /^dist\/webview\/(\w+)\.js$/.exec(page.script)?.[1];
      assert.ok(bundle && new RegExp(`\\b${bundle}: 'src/webview/`).test(esbuild), `${page.script} is an esbuild webview entry`);
      for (const style of page.styles) {
        assert.ok(WEBVIEW_RESOURCE_ROOTS.some((folder) => style.startsWith(`${folder}/`)), `${style} is inside a resource root`);
        if (style.startsWith('media/')) assert.ok(existsSync(path.join(root, style)), `${style} exists`);
        else assert.equal(style, `dist/webview/${bundle}.css`, 'a bundle emits only its own stylesheet');
      }
    });
  }

  it('puts each file in the page as a URI the webview gives for it', () => {
    const html = webviewPageHtml(WEBVIEW_PAGES.memoryReport, parts.cspSource, (file) => `${parts.cspSource}/ext/${file}`);
    assert.ok(html.includes(`src="${parts.cspSource}/ext/dist/webview/memory.js"`));
    assert.ok(html.indexOf('/ext/media/page.css') < html.indexOf('/ext/media/tables.css'), 'the shared page rules come first, so each page can refine them');
    assert.ok(html.indexOf('/ext/media/tables.css') < html.indexOf('/ext/media/memory.css'));
    for (const page of Object.values(WEBVIEW_PAGES)) assert.equal(page.styles[0], 'media/page.css', `${page.title} loads the shared page rules first`);
    assert.ok(html.includes('<title>Redis memory report</title>'));
  });
});
