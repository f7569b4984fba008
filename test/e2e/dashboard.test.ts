import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { FrameLocator } from 'playwright-core';
import { seedDemoData } from '../../scripts/lib/seedDemoData';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { openRedisView, openWorkbench, runContextMenu, screenshot, treeRow, type Workbench } from './workbench';

for (const theme of (process.env.E2E_THEMES?.split(',') ?? ['dark', 'light']) as ('dark' | 'light')[]) {
  describe(`e2e: server dashboard (${theme} theme)`, () => {
    let redis: RedisFixture;
    let load: Redis;
    let workbench: Workbench;
    let loadTimer: NodeJS.Timeout | undefined;

    before(async () => {
      redis = await startStandalone();
      load = new Redis(redis.port, redis.host);
      await seedDemoData(load);
      workbench = await openWorkbench({ theme, settings: { 'redisSpecialist.connections': [{ id: 'dash', name: 'Dashboard demo', host: redis.host, port: redis.port }] } });
    });

    after(async () => {
      clearInterval(loadTimer);
      load?.disconnect();
      await workbench?.close();
      await redis?.stop();
    });

    function dashboard(): FrameLocator {
      return workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    }

    it('opens from the connection context menu, charts move, and a slow command appears', async () => {
      const { page } = workbench;
      await openRedisView(page);
      await runContextMenu(page, treeRow(page, 'Dashboard demo'), 'Open Server Dashboard');
      const frame = dashboard();
      await frame.locator('section.charts figure.chart canvas').first().waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        await page.screenshot({ path: `test-results/failure-dashboard-${theme}.png` });
        throw error;
      });
      // Traffic for the ops/sec chart, and one command slower than the slowlog threshold (10 ms by default).
      loadTimer = setInterval(() => void load.incr('counter:orders').catch(() => undefined), 20);
      await load.call('DEBUG', 'SLEEP', '0.05');
      await frame.locator('section[aria-label="Slow log"] code', { hasText: 'DEBUG' }).first().waitFor({ timeout: 30_000 });
      const ops = frame.locator('figure.chart[data-chart="ops"] .legend-value').first();
      await ops.waitFor();
      // The legend moves as samples arrive: wait for a text other than the first one read (the
      // dashboard samples every second or two; 30 s is the bound, not the expected time).
      const first = ((await ops.textContent()) ?? '').trim();
      const escaped = first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await ops.filter({ hasNotText: new RegExp(`^\\s*${escaped}\\s*$`) }).waitFor({ timeout: 30_000 }).catch(() => undefined);
      const later = ((await ops.textContent()) ?? '').trim();
      assert.notEqual(later, first, `the ops/sec legend changes as samples arrive (still ${first} after 30 s)`);
      await screenshot(page, `dashboard-${theme}`);
    });
  });
}
