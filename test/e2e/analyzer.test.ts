import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openWorkbench, repoRoot, screenshot, type Workbench } from './workbench';

const USERS_MODULE = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

/** Every user id, for the nightly report. */
export async function allUserKeys(): Promise<string[]> {
  const keys = await redis.keys('user:*');
  return keys.sort();
}

export async function cacheProfile(id: string, profile: object): Promise<void> {
  await redis.set(\`cache:user:\${id}\`, JSON.stringify(profile));
}
`;

/** The editor's visible text (Monaco renders spaces as U+00A0). */
async function editorText(workbench: Workbench): Promise<string> {
  const text = await workbench.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

describe('e2e: the Redis code analyzer', () => {
  let template: string;
  let workbench: Workbench;

  before(async () => {
    template = mkdtempSync(path.join(tmpdir(), 'redis-specialist-analyzer-'));
    mkdirSync(path.join(template, 'src'));
    writeFileSync(path.join(template, 'package.json'), JSON.stringify({ name: 'shop', private: true, dependencies: { ioredis: '^5.0.0' } }, null, 2));
    writeFileSync(path.join(template, 'src', 'users.ts'), USERS_MODULE);
    writeFileSync(path.join(template, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', strict: true, types: ['node'] } }, null, 2));
    // TypeScript resolves ioredis and @types/node like in a real project (the screenshot shows no unrelated errors).
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(template, 'node_modules'), 'dir');
    workbench = await openWorkbench({ workspaceTemplate: template, settings: { 'editor.fontSize': 14, 'editor.minimap.enabled': false, 'files.exclude': { '**/node_modules': true } } });
  });

  after(async () => {
    await workbench?.close();
    rmSync(template, { recursive: true, force: true });
  });

  it('underlines redis.keys(…) in an opened TypeScript file', async () => {
    const { page } = workbench;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill('users.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'users.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'allUserKeys' }).waitFor();
    // One squiggle for KEYS, one for the SET without TTL (both warnings).
    await page.locator('.editor-instance .squiggly-warning').nth(1).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.editor-instance .squiggly-error').count(), 0, 'no TypeScript errors in the sample');
  });

  it('offers the SCAN rewrite from the light bulb, and applying it rewrites the code', async () => {
    const { page } = workbench;
    await page.keyboard.press('Control+Shift+M'); // the Problems panel lists both findings under "Redis Specialist"
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'no-keys' }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    await page.locator('.editor-instance .view-line', { hasText: "redis.keys('user:*')" }).locator('span', { hasText: 'keys' }).last().click();
    await page.locator('.editor-instance .lightBulbWidget').waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Control+.');
    const rewrite = page.locator('.action-widget .monaco-list-row', { hasText: 'Rewrite KEYS as a SCAN loop' });
    await rewrite.waitFor();
    const offered = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
    assert.ok(offered.some((t) => /Disable no-keys for this line/.test(t)), offered.join(' | '));
    // The menu is driven by keyboard (a pointer block covers it until the mouse moves).
    for (let i = 0; i < 12 && !/\bfocused\b/.test((await rewrite.getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
    assert.match((await rewrite.getAttribute('class')) ?? '', /\bfocused\b/);
    await screenshot(page, 'analyzer-quickfix');
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-lines', { hasText: 'scanStream' }).waitFor();
    const text = await editorText(workbench);
    assert.match(text, /for await \(const batch of redis\.scanStream\(\{ match: 'user:\*', count: 100 \}\)\)/);
    assert.doesNotMatch(text, /redis\.keys\(/);
    // Only the SET without TTL is left.
    const squiggles = page.locator('.editor-instance .squiggly-warning');
    for (let i = 0; i < 300 && (await squiggles.count()) !== 1; i++) await page.waitForTimeout(100);
    assert.equal(await squiggles.count(), 1);
  });
});
