import assert from 'node:assert/strict';
import { KeyFilterError, parseKeyFilter } from '../../../../src/core/redis/keyspace/keyFilter';

/**
 * A filter the user cannot mean is refused with a KeyFilterError (the tree shows its message as
 * a hint and keeps the filter box open), never another error: every character outside a type
 * name's alphabet in the type, and every malformed escape in a plain or glob filter.
 */
describe('key filter errors, stated as properties', () => {
  const refusedWith = (run: () => unknown, message: RegExp): void => {
    assert.throws(run, (error: unknown) => error instanceof KeyFilterError && error.name === 'KeyFilterError' && message.test(error.message), message.source);
  };

  it('refuses a type with any character a type name cannot hold, naming it and the known types', () => {
    for (let code = 0x20; code < 0x7f; code++) {
      const char = String.fromCharCode(code);
      if (/[A-Za-z0-9_.-]/.test(char) || char === ' ') continue;
      refusedWith(() => parseKeyFilter('user:*', `ha${char}sh`), new RegExp(`^"ha\\${char}sh" is not a key type\\. Use one of string, list, set, zset, hash, stream or a module type name\\.$`.replace('\\ ', ' ')));
    }
    for (const type of ['hash', 'ReJSON-RL', 'my.type_2', ' list ']) assert.doesNotThrow(() => parseKeyFilter('user:*', type), type);
  });

  it('refuses a malformed escape in plain and glob text alike, as a filter error', () => {
    for (const text of ['user\\', 'user:*\\', 'a\\xZZ', 'a*\\xZZ', 'a\\x1', 'a?\\x1']) refusedWith(() => parseKeyFilter(text), /^Filter /);
  });
});
