import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ConnectionStore } from '../../src/connections/connectionStore';

/** list() reads settings only: a secret storage that fails when touched proves it. */
const noSecrets = new Proxy({} as vscode.SecretStorage, {
  get: () => {
    throw new Error('the connection list must not read secrets');
  },
});

describe('connection store: the list is normalised once per settings change', () => {
  const section = vscode.workspace.getConfiguration('redisSpecialist');
  let before: unknown;
  let store: ConnectionStore;
  const warnings: string[] = [];

  /** Writes user settings and waits for the store to hear about it. */
  async function writeConnections(entries: unknown[]): Promise<void> {
    const heard = new Promise<void>((resolve) => {
      const listener = store.onDidChange(() => {
        listener.dispose();
        resolve();
      });
    });
    await section.update('connections', entries, vscode.ConfigurationTarget.Global);
    await heard;
  }

  beforeEach(() => {
    before = section.inspect('connections')?.globalValue;
    warnings.length = 0;
    store = new ConnectionStore(noSecrets, { warn: (message: string) => void warnings.push(message) });
  });

  afterEach(async () => {
    await section.update('connections', before, vscode.ConfigurationTarget.Global);
    store.dispose();
  });

  it('logs a malformed entry once however often the list is read, and reads settings again after they change', async () => {
    const kept = Array.isArray(before) ? before : [];
    await writeConnections([...kept, { name: 'no id here' }]);
    for (let i = 0; i < 5; i++) store.list();
    assert.equal(warnings.filter((w) => w.includes('"id"')).length, 1, warnings.join('\n'));
    assert.equal(store.get('store-cache-test'), undefined);

    await writeConnections([...kept, { name: 'no id here' }, { id: 'store-cache-test', name: 'Cache test', host: '127.0.0.1', port: 6390 }]);
    assert.equal(store.get('store-cache-test')?.name, 'Cache test', 'the changed setting is read again');
    store.list();
    assert.equal(warnings.filter((w) => w.includes('"id"')).length, 2, 'one more warning for the one re-read');
  });

  it('sees its own writes at once, without waiting for the change event', async () => {
    const list = store.list();
    const { id } = await store.add({ name: 'Own write', kind: 'standalone', host: '127.0.0.1', port: 6391, db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false });
    assert.equal(store.get(id)?.name, 'Own write');
    assert.equal(store.list().length, list.length + 1);
  });
});
