import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { answerQuickInput, openRedisView, openWorkbench, runCommand, screenshot, treeRow, type Workbench } from './workbench';

describe('e2e: the packaged extension in VS Code', () => {
  let redis: RedisFixture;
  let workbench: Workbench;

  before(async () => {
    redis = await startStandalone();
    const client = new Redis(redis.port, redis.host);
    await client.set('user:1:name', 'Ada', 'EX', 3600);
    await client.set('user:2:name', 'Grace', 'EX', 3600);
    await client.hset('config:flags', 'beta', '1');
    await client.select(2);
    await client.set('other-db', 'x', 'EX', 60);
    client.disconnect();
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
    await redis?.stop();
  });

  it('shows the Redis icon in the activity bar and the welcome view', async () => {
    const { page } = workbench;
    await openRedisView(page);
    await page.locator('.sidebar .welcome-view-content', { hasText: 'No Redis connections yet.' }).waitFor();
    await page.locator('.sidebar .welcome-view-content a', { hasText: 'Add a Redis connection' }).waitFor();
    await screenshot(page, 'welcome');
  });

  it('lists the Redis commands in the command palette', async () => {
    const { page } = workbench;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('>Redis: ');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Redis: Add Connection…' }).waitFor();
    const titles = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    assert.ok(titles.some((t) => t.includes('Redis: Add Connection…')), titles.join(', '));
    await page.keyboard.press('Escape');
  });

  it('adds a connection by URL and shows its databases with key counts', async () => {
    const { page } = workbench;
    await runCommand(page, 'Redis: Add Connection…');
    await answerQuickInput(page, 'From a URL');
    await answerQuickInput(page, `redis://${redis.host}:${redis.port}`);
    await answerQuickInput(page, ''); // options: none
    await answerQuickInput(page, 'Local fixture');
    const connection = treeRow(page, 'Local fixture');
    await connection.waitFor();
    await connection.click();
    await treeRow(page, 'db0').waitFor({ timeout: 30_000 });
    const db0 = await treeRow(page, 'db0').textContent();
    assert.match(db0 ?? '', /3 keys, 2 with TTL/);
    const db2 = await treeRow(page, 'db2').textContent();
    assert.match(db2 ?? '', /1 key, 1 with TTL/);
    await treeRow(page, 'Local fixture').locator('.label-description', { hasText: /Redis \d/ }).waitFor();
    await screenshot(page, 'connection');
  });
});
