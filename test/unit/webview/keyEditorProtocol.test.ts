import assert from 'node:assert/strict';
import { isHostMessage, isPageMessage } from '../../../src/core/protocol/keyEditor';

describe('key editor protocol validation', () => {
  it('accepts every well-formed page message', () => {
    const text = { text: 'x', mode: 'text' };
    const messages = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'search', match: 'a*' },
      { type: 'page', direction: 'next' },
      { type: 'order', reversed: true },
      { type: 'hex', on: false },
      { type: 'consumers', group: 'Zw==' },
      { type: 'keyAction', action: 'rename' },
      { type: 'copy', text: 'v' },
      { type: 'loadFull', ref: 'cell1' },
      { type: 'edit', edit: { op: 'hashSet', field: text, value: text, original: 'YQ==' } },
      { type: 'edit', edit: { op: 'zsetSet', member: text, score: '1.5' } },
      { type: 'edit', edit: { op: 'listSet', index: -1, value: text, expected: 'YQ==' } },
      { type: 'edit', edit: { op: 'listRemove', index: 3, expected: 'YQ==' } },
      { type: 'edit', edit: { op: 'streamAdd', id: '*', fields: [[text, text]] } },
      { type: 'edit', edit: { op: 'streamDelete', id: '1-0' } },
    ];
    for (const message of messages) assert.ok(isPageMessage(message), JSON.stringify(message));
  });

  it('rejects what the page must not be able to ask for', () => {
    const bad = [
      null,
      'ready',
      { type: 'eval', script: 'x' },
      { type: 'keyAction', action: 'flushall' },
      { type: 'page', direction: 'last' },
      { type: 'edit', edit: { op: 'hashSet', field: { text: 'x', mode: 'raw' }, value: { text: 'y', mode: 'text' } } },
      { type: 'edit', edit: { op: 'listSet', index: 1.5, value: { text: 'y', mode: 'text' }, expected: 'YQ==' } },
      { type: 'edit', edit: { op: 'listSet', index: 1, value: { text: 'y', mode: 'text' } } },
      { type: 'edit', edit: { op: 'streamAdd', id: '*', fields: [[{ text: 'f', mode: 'text' }]] } },
      { type: 'edit', edit: { op: 'del', key: 'x' } },
      { type: 'loadFull', ref: 7 },
    ];
    for (const message of bad) assert.equal(isPageMessage(message), false, JSON.stringify(message));
  });

  it('checks host messages too', () => {
    assert.ok(isHostMessage({ type: 'busy', busy: true }));
    assert.ok(isHostMessage({ type: 'fullValue', ref: 'cell1', value: { id: 'sha1:00', mode: 'text', text: 'whole', bytes: 5 } }));
    assert.equal(isHostMessage({ type: 'fullValue', ref: 'cell1' }), false);
    assert.ok(isHostMessage({ type: 'notice', level: 'error', text: 'x' }));
    assert.ok(isHostMessage({ type: 'view', connection: { name: 'a', readOnly: false }, db: 0, view: { kind: 'missing' } }));
    assert.equal(isHostMessage({ type: 'view', view: { kind: 'hash' } }), false);
    assert.equal(isHostMessage({ type: 'notice', level: 'fatal', text: 'x' }), false);
  });
});
