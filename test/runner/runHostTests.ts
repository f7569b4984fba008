import path from 'node:path';
import { runInExtensionHost } from './extensionHostRun';

// `npm run test:host`: the host suites (bundled to out/test/host by `esbuild.mjs --tests`) inside
// VS Code 1.100's real extension host, served by code-server. test:electron runs the same suites
// in VS Code desktop where it can be downloaded.
const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const code = await runInExtensionHost({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'host', 'index.js'),
    workspaceTemplate: path.join(root, 'test', 'fixtures', 'workspace'),
    timeoutMs: 15 * 60_000,
  });
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
