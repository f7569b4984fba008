import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { FrameLocator } from 'playwright-core';
import { seedDemoData } from '../../scripts/lib/seedDemoData';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { answerQuickInput, openRedisView, openWorkbench, repoRoot, runCommand, runContextMenu, screenshot, treeRow, type Workbench } from './workbench';

// The demo's sample service next to the demo's data: what `npm run demo` shows, driven through the UI.
describe('e2e: key patterns and memory analysis on the demo service', () => {
  let redis: RedisFixture;
  let template: string;
  let workbench: Workbench;

  before(async () => {
    redis = await startStandalone();
    const client = new Redis(redis.port, redis.host);
    await seedDemoData(client);
    client.disconnect();
    template = mkdtempSync(path.join(tmpdir(), 'redis-specialist-demo-'));
    cpSync(path.join(repoRoot, 'demo', 'sample-service'), template, { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(template, 'node_modules'), 'dir');
    workbench = await openWorkbench({
      workspaceTemplate: template,
      settings: {
        'redisSpecialist.connections': [{ id: 'demo', name: 'Demo', host: redis.host, port: redis.port }],
        'editor.fontSize': 14,
        'editor.minimap.enabled': false,
        'files.exclude': { '**/node_modules': true },
      },
    });
  });

  after(async () => {
    await workbench?.close();
    await redis?.stop();
    rmSync(template, { recursive: true, force: true });
  });

  it('shows the code\'s key patterns with live figures in the view and as CodeLens above the call sites', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill('catalog.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'catalog.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'cacheProduct' }).waitFor();
    await openRedisView(page);
    const header = page.locator('.sidebar .pane-header', { hasText: 'Key Patterns' });
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await runCommand(page, 'Redis: Analyze Key Patterns on a Connection');
    // One connection: the pick offers it alone; answering by name works either way.
    if (await page.locator('.quick-input-widget input.input').isVisible()) await answerQuickInput(page, 'Demo');
    const lens = page.locator('.editor-instance .codelens-decoration', { hasText: /cache:product:\{id\}: [\d,]+ keys? on Demo/ }).first();
    await lens.waitFor({ timeout: 60_000 });
    await page.locator('.sidebar .monaco-list-row', { hasText: 'cache:product:{id}' }).first().waitFor();
    const lenses = await page.locator('.editor-instance .codelens-decoration').allInnerTexts();
    assert.ok(lenses.some((t) => /price:\{id\}: [\d,]+ keys?/.test(t)), `a lens above the price writes: ${lenses.join(' | ')}`);
    await screenshot(page, 'key-patterns');
  });

  it('Analyze Memory… on the connection opens a report grouped by the code\'s patterns', async () => {
    const { page } = workbench;
    await runContextMenu(page, treeRow(page, 'Demo').first(), 'Analyze Memory');
    const all = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Analyze All Keys' });
    await all.waitFor({ timeout: 30_000 });
    await all.click();
    const frame: FrameLocator = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    await frame.locator('section[aria-label="Top keys by memory"]').waitFor({ timeout: 60_000 });
    const patterns = await frame.locator('body').innerText();
    assert.match(patterns, /cache:product:\{id\}/, 'the report names the code pattern');
    await screenshot(page, 'memory-report');
  });

  it('the key browser shows the code\'s key patterns as folders, each scanned when opened', async () => {
    const { page } = workbench;
    await page.keyboard.press('Escape');
    if (await page.locator('.tab', { hasText: 'Memory:' }).count()) await runCommand(page, 'View: Close All Editors');
    await openRedisView(page);
    const connection = treeRow(page, 'Demo').first();
    if ((await connection.getAttribute('aria-expanded')) !== 'true') await connection.click();
    await treeRow(page, 'db0').first().click();
    // The Redis view's pane (the Key Patterns view lists the same templates).
    const redisPane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Connections' }) });
    await redisPane.locator('.monaco-list-row', { hasText: 'Other keys' }).first().waitFor({ timeout: 30_000 });
    const folder = redisPane.locator('.monaco-list-row', { hasText: 'cache:product:{id}' }).first();
    assert.match(await folder.innerText(), /\d+ sites?$/, 'before it is opened, the folder says how many call sites build the pattern');
    await screenshot(page, 'key-pattern-folders');
    await folder.click();
    await redisPane.locator('.monaco-list-row', { hasText: 'cache:product:0' }).first().waitFor({ timeout: 30_000 });
    // Once opened, the folder counts its keys (its row is redrawn once the scan has counted them).
    await redisPane.locator('.monaco-list-row', { hasText: /cache:product:\{id\}\s*\d+ sites? · 40 keys/ }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'key-pattern-folder-open');
  });
});
