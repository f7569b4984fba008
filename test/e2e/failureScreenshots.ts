import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'mocha';
import { openPages, repoRoot } from './workbench';

/**
 * Mocha root hook: when an e2e test fails, every open workbench is photographed into
 * test-results/failures/, so a failure in CI shows what the screen held (a dialog, an error toast),
 * and its VS Code logs are kept beside the picture, their errors printed (CI shows only the output).
 */
export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!test || test.state !== 'failed') return;
    const dir = path.join(repoRoot, 'test-results', 'failures');
    mkdirSync(dir, { recursive: true });
    const name = test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 120);
    let index = 0;
    for (const [page, { userDataDir }] of openPages) {
      const base = path.join(dir, `${name}${index++ ? `-${index}` : ''}`);
      await page.screenshot({ path: `${base}.png` }).then(
        () => console.log(`      failure screenshot: ${path.relative(repoRoot, base)}.png`),
        () => undefined,
      );
      keepLogs(path.join(userDataDir, 'logs'), `${base}-logs`);
    }
  },
};

/** Copies VS Code's logs and prints their error lines (the extension host's, the window's). */
function keepLogs(from: string, to: string): void {
  if (!existsSync(from)) return;
  cpSync(from, to, { recursive: true });
  const errors: string[] = [];
  for (const file of readdirSync(to, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.log'))) {
    for (const line of readFileSync(path.join(to, file), 'utf8').split('\n')) if (/\[error\]/.test(line)) errors.push(`${path.basename(file)}: ${line.slice(0, 300)}`);
  }
  console.log(`      VS Code logs: ${path.relative(repoRoot, to)} (${errors.length} error lines${errors.length ? ', the last ones:' : ''})`);
  for (const line of errors.slice(-15)) console.log(`        ${line}`);
}
