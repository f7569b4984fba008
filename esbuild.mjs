// Bundles the extension (Node, CommonJS, `vscode` external), the CI linter, the webviews (browser
// IIFE) and, with --tests, the suites that run inside a VS Code extension host. Copies the
// tree-sitter runtime and grammar .wasm files next to the bundles that load them.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { withoutNativeAddons } from './scripts/lib/withoutNativeAddons.mjs';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

// web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle does not have: use its CJS file.
const webTreeSitterCjs = require.resolve('web-tree-sitter') // the "require" condition: tree-sitter.cjs;

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': webTreeSitterCjs },
  // ssh2's optional native addons: the VSIX stays pure JavaScript.
  plugins: [withoutNativeAddons],
};

/** Declared entries must exist: a renamed or deleted entry fails the build instead of shipping a VSIX without it. */
function present(entries) {
  const missing = Object.values(entries).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`[esbuild] missing entry point(s): ${missing.join(', ')} — update esbuild.mjs`);
    process.exit(1);
  }
  return entries;
}

const builds = [
  // The workers are their own entries: "Analyze Workspace" and "Analyze Dump File" run them in worker threads.
  { ...nodeCommon, entryPoints: present({ extension: 'src/extension.ts', analysisWorker: 'src/core/analysis/worker/analysisWorker.ts', dumpAnalysisWorker: 'src/memory/dumpAnalysisWorker.ts' }), outdir: 'dist', external: ['vscode'] },
  { ...nodeCommon, entryPoints: present({ cli: 'src/cli.ts' }), outdir: 'dist', external: ['vscode'] },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: present({ dashboard: 'src/webview/dashboard/main.ts', keyEditor: 'src/webview/keyEditor/main.ts', memory: 'src/webview/memory/main.ts' }),
    outdir: 'dist/webview',
    loader: { '.css': 'css' },
  },
];
if (withTests) {
  builds.push({
    ...nodeCommon,
    sourcemap: true,
    minify: false,
    entryPoints: ['test/host/index.ts', ...listFiles('test/host', '.test.ts')],
    outbase: 'test',
    outdir: 'out/test',
    external: ['vscode', 'mocha'],
  });
}

/** Every file under dir ending with suffix (test suites are bundled one file each). */
function listFiles(dir, suffix) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function copyWasm() {
  mkdirSync('dist', { recursive: true });
  const files = [
    require.resolve('web-tree-sitter/tree-sitter.wasm'),
    path.join(path.dirname(require.resolve('tree-sitter-typescript/package.json')), 'tree-sitter-typescript.wasm'),
    path.join(path.dirname(require.resolve('tree-sitter-typescript/package.json')), 'tree-sitter-tsx.wasm'),
    path.join(path.dirname(require.resolve('tree-sitter-javascript/package.json')), 'tree-sitter-javascript.wasm'),
  ];
  for (const file of files) copyFileSync(file, path.join('dist', path.basename(file)));
}

if (!watch) rmSync('dist', { recursive: true, force: true });
copyWasm();
const active = builds;
if (withTests) rmSync('out', { recursive: true, force: true });
if (watch) {
  for (const options of active) await (await esbuild.context(options)).watch();
  console.log('[esbuild] watching…');
} else {
  await Promise.all(active.map((options) => esbuild.build(options)));
  console.log(`[esbuild] built ${readdirSync('dist').join(', ')}`);
}
