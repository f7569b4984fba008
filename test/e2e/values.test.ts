import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { seedDemoData } from '../../scripts/lib/seedDemoData';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { answerQuickInput, openRedisView, openWorkbench, runCommand, screenshot, treeRow, type Workbench } from './workbench';

/** A tree row at a depth with exactly this label (labels like "user" also appear inside other rows' text). */
function treeItem(page: Page, level: number, label: string): Locator {
  return page.locator(`.sidebar .monaco-list-row[aria-level="${level}"]`, { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** The page of the key editor in front: VS Code nests each webview in two iframes. */
function keyEditor(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

describe('e2e: values, editing and the Redis CLI', () => {
  let redis: RedisFixture;
  let client: Redis;
  let workbench: Workbench;

  before(async () => {
    redis = await startStandalone();
    client = new Redis(redis.port, redis.host);
    await seedDemoData(client);
    await client.set('greeting', 'Hello from Redis', 'EX', 7200);
    workbench = await openWorkbench({
      settings: {
        'redisSpecialist.connections': [{ id: 'e2e-values', name: 'Sample data', host: redis.host, port: redis.port }],
        // The DOM renderer keeps the terminal's text readable by the test.
        'terminal.integrated.gpuAcceleration': 'off',
        'workbench.editor.enablePreview': false,
      },
    });
    await openRedisView(workbench.page);
    await treeRow(workbench.page, 'Sample data').click();
    await treeItem(workbench.page, 2, 'db0').click();
    await treeItem(workbench.page, 3, 'user').waitFor();
  });

  after(async () => {
    await workbench?.close();
    client?.disconnect();
    await redis?.stop();
  });

  async function openFromTree(folder: string, leaf: string, options: { collapse?: boolean } = {}): Promise<FrameLocator> {
    const { page } = workbench;
    const folderRow = treeItem(page, 3, folder);
    const editor = keyEditor(page);
    const header = editor.locator('.key-name', { hasText: `${folder}:${leaf}` });
    // A click can land while the tree re-renders the rows the folder just loaded (it then selects
    // another row, or collapses the folder): look again and click again, as a user would.
    for (let attempt = 1; ; attempt++) {
      if ((await folderRow.getAttribute('aria-expanded')) !== 'true') await folderRow.click();
      await treeItem(page, 4, leaf).first().click();
      const opened = await header.waitFor({ timeout: attempt < 3 ? 10_000 : 30_000 }).then(
        () => true,
        (error: unknown) => {
          if (attempt >= 3) throw error;
          return false;
        },
      );
      if (opened) break;
    }
    // Collapse the folder again: the tree is virtualised, and rows scrolled away are not in the page.
    if (options.collapse ?? true) await folderRow.click();
    return editor;
  }

  it('opens a key of each type from the tree with its header and value', async () => {
    const expectations: [string, string, string, string][] = [
      ['leaderboard', 'weekly', 'Sorted set', 'linus'],
      ['queue', 'emails', 'List', 'ada@example.com'],
      ['tags', 'popular', 'Set', 'typescript'],
      ['events', 'orders', 'Stream', 'billing'],
      ['config', 'feature-flags', 'String', '"newCheckout": true'],
    ];
    for (const [folder, leaf, type, text] of expectations) {
      const editor = await openFromTree(folder, leaf);
      await editor.locator('.type-badge', { hasText: type }).waitFor();
      await editor.locator('.body', { hasText: text }).waitFor();
    }
  });

  it('edits a hash field in the key editor', async () => {
    const { page } = workbench;
    const editor = await openFromTree('user', '1000', { collapse: false });
    const row = editor.locator('table.values tbody tr', { has: editor.locator('.cell-text', { hasText: /^plan$/ }) });
    await row.waitFor();
    await row.hover();
    await row.getByRole('button', { name: 'Edit field' }).click();
    const value = editor.locator('tr.editing textarea[aria-label="Value"]');
    await value.fill('enterprise');
    await screenshot(page, 'key-editor-hash');
    await editor.getByRole('button', { name: 'Save field' }).click();
    await editor.locator('.cell-text', { hasText: /^enterprise$/ }).waitFor();
    await editor.locator('.notice', { hasText: 'Field saved.' }).waitFor();
    assert.equal(await client.hget('user:1000', 'plan'), 'enterprise');
    await treeItem(page, 3, 'user').click();
  });

  it('edits a string in a text editor, keeps its TTL, and asks before overwriting a newer value', async () => {
    const { page } = workbench;
    const editor = await openFromTree('session', (0xa1b2c3).toString(16), { collapse: false });
    await editor.locator('.format-badge', { hasText: 'JSON' }).waitFor();
    await screenshot(page, 'key-editor-string');
    await treeItem(page, 3, 'session').click();

    await runCommand(page, 'Redis: Open Key');
    await answerQuickInput(page, 'greeting');
    const greeting = keyEditor(page);
    await greeting.locator('.key-name', { hasText: 'greeting' }).waitFor();
    await greeting.getByRole('button', { name: 'Edit in Editor' }).click();
    const text = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Hello from Redis' });
    await text.waitFor();
    await text.click();
    await page.keyboard.press('End');
    await page.keyboard.type(', edited in VS Code');
    await page.keyboard.press('Control+S');
    await waitFor(async () => (await client.get('greeting')) === 'Hello from Redis, edited in VS Code', 'the saved value in Redis');
    assert.ok((await client.ttl('greeting')) > 7000, 'the TTL survived the save');

    // Someone else changes the value: the next save asks before overwriting it.
    await client.set('greeting', 'changed elsewhere', 'KEEPTTL');
    await page.keyboard.type('!');
    await page.keyboard.press('Control+S');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'The value changed on the server since you opened it. Overwrite?' });
    await dialog.waitFor();
    const focused = await page.evaluate<string | undefined>('document.activeElement?.textContent?.trim()');
    assert.equal(focused, 'Keep Editing', 'Enter on the conflict dialog never overwrites');
    await dialog.getByRole('button', { name: 'Overwrite' }).click();
    await waitFor(async () => (await client.get('greeting')) === 'Hello from Redis, edited in VS Code!', 'the overwrite');
    assert.ok((await client.ttl('greeting')) > 7000, 'the TTL survived the overwrite');
  });

  it('creates a key with New Key… and deletes a folder with Delete Keys Matching…', async () => {
    const { page } = workbench;
    await runCommand(page, 'Redis: New Key…');
    const answers = ['Hash', 'cart:42', 'apples', '3', '10m'];
    for (const [step, answer] of answers.entries()) {
      // Each step replaces the input: answer only once the step is on screen, or the text lands in the previous one.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: `New Key in db0 of Sample data (${step + 1}/5)` }).waitFor();
      await answerQuickInput(page, answer);
    }
    await keyEditor(page).locator('.key-name', { hasText: 'cart:42' }).waitFor().catch(async (error: Error) => {
      await screenshot(page, 'newkey-failure');
      throw error;
    });
    assert.equal(await client.hget('cart:42', 'apples'), '3');
    const ttl = await client.ttl('cart:42');
    assert.ok(ttl > 590 && ttl <= 600, `TTL ${ttl}`);

    // The new key rescans the database: wait for its folder so the right-click hits a settled tree.
    await treeItem(page, 3, 'cart').waitFor();
    await treeItem(page, 3, 'cache').click({ button: 'right' });
    // Monaco menus act on the focused item; hovering focuses it, Enter runs it (a click can land mid-animation).
    await page.locator('.context-view .action-label', { hasText: 'Delete Keys Matching…' }).hover();
    await page.keyboard.press('Enter');
    // How the text is read (exact name or prefix is highlighted), the folder's prefix, then the count typed to confirm.
    const widget = page.locator('.quick-input-widget');
    try {
      await widget.locator('.quick-input-list', { hasText: 'Exact name or prefix' }).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Enter');
      await widget.locator('.quick-input-message', { hasText: 'The key name or prefix' }).waitFor();
      assert.equal(await widget.locator('input.input').inputValue(), 'cache:');
      await page.keyboard.press('Enter');
      await widget.locator('.quick-input-title', { hasText: 'Delete 40 keys' }).waitFor({ timeout: 30_000 });
      await answerQuickInput(page, '40');
    } catch (error) {
      await screenshot(page, 'bulk-failure');
      throw error;
    }
    await waitFor(async () => (await client.scan('0', 'MATCH', 'cache:*', 'COUNT', 1000))[1].length === 0, 'the cache keys to go');
    assert.equal(await client.exists('user:1000', 'session:a1b2c3', 'cart:42'), 3, 'other keys stay');
    // The database's count follows the delete (the demo data's size is whatever the seed writes).
    const left = await client.dbsize();
    await treeItem(page, 2, 'db0').locator('.label-description', { hasText: new RegExp(`^${left.toLocaleString('en-US')} keys`) }).waitFor();
  });

  it('runs commands in the Redis CLI terminal', async () => {
    const { page } = workbench;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Redis: Open Key');
    await answerQuickInput(page, 'user:1000');
    await keyEditor(page).locator('.cell-text', { hasText: /^enterprise$/ }).waitFor();
    await runCommand(page, 'Redis: Open Redis CLI');
    const terminal = page.locator('.terminal-wrapper.active .xterm-rows');
    await terminal.locator('div', { hasText: `${redis.host}:${redis.port}>` }).first().waitFor({ timeout: 30_000 });
    await page.locator('.terminal-wrapper.active .xterm').click();
    for (const line of ['HGET user:1000 plan', 'ZRANGE leaderboard:weekly 0 2 REV WITHSCORES', 'INCR counter:orders', 'TYPE events:orders']) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await terminal.locator('div', { hasText: /^stream\s*$/ }).waitFor();
    const shown = (await terminal.innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /"enterprise"/, 'the CLI sees the edit made in the key editor');
    assert.match(shown, /1\) "ada"\s+2\) "1000"\s+3\) "grace"\s+4\) "963"/);
    assert.match(shown, /\(integer\) 1338/);
    await screenshot(page, 'cli');
  });
});

/** Polls until `check` holds (a save finishes after the keystroke that started it). */
async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
