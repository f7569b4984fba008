import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allowAllWrites, ReadOnlyError, writeGuardFor } from '../../../../src/core/redis/safety/writeGuard';

/** The refused rows of the generated table (docs/read-only-commands.md, from the test server's COMMAND DOCS). */
function refusedCommands(): string[] {
  const table = readFileSync(path.resolve(__dirname, '../../../../docs/read-only-commands.md'), 'utf8');
  return [...table.matchAll(/^\| `([^`]+)` \| \*\*refused\*\* \|/gm)].map((m) => m[1]);
}

describe('write guard', () => {
  it('refuses every command the read-only table refuses (PEXPIRE, APPEND…), naming it and the connection', () => {
    const refused = refusedCommands();
    assert.ok(refused.includes('PEXPIRE') && refused.includes('APPEND') && refused.length > 100, `${refused.length} refused rows`);
    const guard = writeGuardFor(true, 'production');
    for (const command of refused) {
      assert.throws(
        () => guard(command),
        (e: unknown) => e instanceof ReadOnlyError && e.commandName === command && e.message.startsWith(`Connection "production" is read-only, so ${command} was not sent.`),
        command,
      );
    }
  });

  it('lets everything through on a writable connection', () => {
    assert.equal(writeGuardFor(false), allowAllWrites);
    for (const command of refusedCommands()) assert.doesNotThrow(() => writeGuardFor(false)(command));
  });
});
