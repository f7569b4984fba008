/**
 * Bundles src/cli.ts the way esbuild.mjs does (CJS, web-tree-sitter's CJS build, .wasm files beside
 * the bundle) into any directory, so tests and benches can run the real CLI without touching dist/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function bundleCli(outDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const root = path.resolve(__dirname, '../..');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/cli.ts')],
    outfile: path.join(outDir, 'cli.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // The "require" condition of web-tree-sitter is its CJS build (the ESM one reads import.meta.url).
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  });
  const tsDir = path.dirname(require.resolve('tree-sitter-typescript/package.json'));
  const jsDir = path.dirname(require.resolve('tree-sitter-javascript/package.json'));
  const runtimeDir = path.dirname(require.resolve('web-tree-sitter'));
  for (const file of [
    path.join(runtimeDir, 'tree-sitter.wasm'),
    path.join(tsDir, 'tree-sitter-typescript.wasm'),
    path.join(tsDir, 'tree-sitter-tsx.wasm'),
    path.join(jsDir, 'tree-sitter-javascript.wasm'),
  ]) {
    fs.copyFileSync(file, path.join(outDir, path.basename(file)));
  }
  return path.join(outDir, 'cli.js');
}
