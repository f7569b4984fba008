import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

// `npm run test:electron`: the same host suites in VS Code desktop, downloaded by
// @vscode/test-electron (needs internet; CI here uses code-server instead).
const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'redis-specialist-ws-'));
  cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'host', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { REDIS_SPECIALIST_TEST_RESULTS: path.join(workspace, '..', 'host-results.txt') },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
