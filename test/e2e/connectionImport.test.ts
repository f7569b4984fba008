import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { openRedisView, openWorkbench, runCommand, screenshot, treeRow, type Workbench } from './workbench';

/**
 * Tiny RDM's connections.yaml (the format of backend/types/connection.go), written by hand: a
 * server that answers, and one behind an SSH bastion whose name does not resolve, so that the
 * view shows the tunnel's failure reason.
 */
function tinyRdmFile(redis: RedisFixture): string {
  return [
    `- name: Local cache`,
    `  addr: ${redis.host}`,
    `  port: ${redis.port}`,
    `  last_db: 0`,
    `- name: production`,
    `  type: group`,
    `  connections:`,
    `    - name: Orders (via bastion)`,
    `      addr: 10.0.0.9`,
    `      port: 6379`,
    `      password: orders-secret`,
    `      ssh:`,
    `        enable: true`,
    `        addr: bastion.invalid`,
    `        port: 22`,
    `        login_type: pwd`,
    `        username: ops`,
    `        password: ssh-secret`,
    '',
  ].join('\n');
}

/** Expands a tree row; a click that lands while the tree re-renders after the import is clicked again. */
async function expand(page: Workbench['page'], label: string): Promise<void> {
  const row = treeRow(page, label).first();
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await row.getAttribute('aria-expanded')) === 'true') return;
    await row.click();
    await row.locator('xpath=self::*[@aria-expanded="true"]').waitFor({ timeout: 3000 }).catch(() => undefined);
  }
  assert.equal(await row.getAttribute('aria-expanded'), 'true', `the row "${label}" expands`);
}

/**
 * Picks a file in code-server's open dialog, VS Code's simple file dialog: a quick input that takes
 * a path. The dialog lists its start folder asynchronously and, when that listing lands after our
 * typing, puts the start folder back in the input; so the path is typed again until it sticks.
 */
async function chooseFile(page: Workbench['page'], file: string): Promise<void> {
  const dialog = page.locator('.quick-input-widget');
  const title = dialog.locator('.quick-input-title', { hasText: 'Import Connections' });
  await title.waitFor();
  const input = dialog.locator('input.input');
  for (let attempt = 0; attempt < 8; attempt++) {
    await input.fill(file);
    // When the listing lands after the typing, the input reads "<start folder>/<our path>" and our file
    // is never listed: type it again rather than wait for it.
    const listed = await dialog.locator('.monaco-list-row', { hasText: path.basename(file) }).waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (!listed || (await input.inputValue()) !== file) continue;
    await dialog.locator('.monaco-button', { hasText: 'Import' }).click();
    const closed = await title.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false);
    if (closed) return;
  }
  assert.fail(`the open dialog did not accept ${file}`);
}

describe('e2e: Import Connections… from another tool', () => {
  let redis: RedisFixture;
  let workbench: Workbench;
  let dir: string;

  before(async () => {
    redis = await startStandalone();
    dir = mkdtempSync(path.join(tmpdir(), 'import-e2e-'));
    writeFileSync(path.join(dir, 'connections.yaml'), tinyRdmFile(redis));
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows what a Tiny RDM file holds, imports it, and the view says why the SSH tunnel failed', async () => {
    const { page } = workbench;
    await openRedisView(page);
    await runCommand(page, 'Redis: Import Connections…');
    await chooseFile(page, path.join(dir, 'connections.yaml'));
    const pick = page.locator('.quick-input-widget');
    await pick.locator('.quick-input-title', { hasText: 'Import from connections.yaml (Tiny RDM)' }).waitFor();
    await pick.locator('.monaco-list-row', { hasText: 'Orders (via bastion)' }).waitFor();
    const rows = await pick.locator('.monaco-list-row').allTextContents();
    assert.equal(rows.length, 2, rows.join(' | '));
    assert.match(rows[0], /Local cache/);
    assert.match(rows[1], /Orders \(via bastion\).*SSH ops@bastion\.invalid.*In the Tiny RDM group "production"\./);
    await screenshot(page, 'import-connections');
    await page.keyboard.press('Enter');
    // The message comes after the last connection is saved: the tree has its final rows by then.
    await page.locator('.notifications-toasts', { hasText: 'Imported 2 connections.' }).waitFor();

    await expand(page, 'Local cache');
    await treeRow(page, 'db0').waitFor({ timeout: 30_000 });
    await expand(page, 'Orders (via bastion)');
    const failed = treeRow(page, 'Orders (via bastion)').locator('.label-description', { hasText: /SSH: / });
    await failed.waitFor({ timeout: 60_000 });
    assert.equal((await failed.textContent())?.trim(), 'SSH: unknown host');
    // Widen the side bar (drag its sash) so the screenshot shows the whole reason under the connection.
    const sash = await page.locator('.part.sidebar').boundingBox();
    assert.ok(sash);
    await page.mouse.move(sash.x + sash.width + 1, sash.y + sash.height / 2);
    await page.mouse.down();
    await page.mouse.move(sash.x + sash.width + 260, sash.y + sash.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(1000, 700);
    await treeRow(page, 'could not be found').waitFor({ timeout: 60_000 });
    await screenshot(page, 'ssh-tunnel-failure');
  });
});
