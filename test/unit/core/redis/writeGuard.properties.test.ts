import assert from 'node:assert/strict';
import { allowAllWrites, ReadOnlyError, writeGuardFor } from '../../../../src/core/redis/safety/writeGuard';

describe('write guard, stated as properties', () => {
  it('a read-only guard refuses every command with an error that names it and the connection; a writable one refuses none', () => {
    for (const command of ['set', 'PEXPIRE', 'json.set', 'eval']) {
      for (const connection of [undefined, 'prod']) {
        const refuse = () => writeGuardFor(true, connection)(command);
        assert.throws(refuse, (error: unknown) => {
          assert.ok(error instanceof ReadOnlyError);
          assert.equal(error.name, 'ReadOnlyError');
          assert.deepEqual([error.commandName, error.connectionName], [command, connection]);
          assert.equal(
            error.message,
            `${connection ? `Connection "${connection}"` : 'This connection'} is read-only, so ${command.toUpperCase()} was not sent. Turn off "read-only" in the connection settings to change data.`,
          );
          return true;
        });
        assert.equal(writeGuardFor(false, connection), allowAllWrites);
        assert.equal(allowAllWrites(command), undefined);
      }
    }
  });
});
