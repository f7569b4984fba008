import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'mocha';
import { openPages, repoRoot } from './workbench';

/**
 * Mocha root hook: when an e2e test fails, every open workbench is photographed into
 * test-results/failures/, so a failure in CI shows what the screen held (a dialog, an error toast).
 */
export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!test || test.state !== 'failed') return;
    const dir = path.join(repoRoot, 'test-results', 'failures');
    mkdirSync(dir, { recursive: true });
    const name = test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 120);
    let index = 0;
    for (const page of openPages) {
      const file = path.join(dir, `${name}${index++ ? `-${index}` : ''}.png`);
      await page.screenshot({ path: file }).then(
        () => console.log(`      failure screenshot: ${path.relative(repoRoot, file)}`),
        () => undefined,
      );
    }
  },
};
