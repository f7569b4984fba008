import assert from 'node:assert/strict';
import { KeyFilterError, describeKeyFilter, parseKeyFilter, patternInMode } from '../../../../src/core/redis/keyspace/keyFilter';

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
    // A trailing backslash names the text and says how to write a backslash, in plain and glob text.
    for (const text of ['user:*\\', 'a?b\\']) refusedWith(() => parseKeyFilter(text), new RegExp(`^Filter "${text.replace(/[*?\\]/g, '\\$&')}" ends with a lone backslash; write \\\\\\\\ for a backslash\\.$`));
    for (const mode of ['exact', 'glob'] as const) refusedWith(() => patternInMode('', mode), /^Type a key name or prefix, or a pattern\.$/);
  });

  it('a \\xHH escape in a glob is that byte (in either case), escaped when it is a glob character', () => {
    for (let byte = 0; byte < 256; byte += 7) {
      for (const x of ['x', 'X']) {
        const hex = byte.toString(16).padStart(2, '0');
        const filter = parseKeyFilter(`a*\\${x}${hex}`);
        assert.equal(filter.pattern.kind, 'glob');
        const expected = Buffer.concat([Buffer.from('a*'), [0x2a, 0x3f, 0x5b, 0x5d, 0x5c].includes(byte) ? Buffer.of(0x5c, byte) : Buffer.of(byte)]);
        assert.deepEqual(filter.pattern.kind === 'glob' && filter.pattern.pattern, expected, `a*\\${x}${hex}`);
      }
    }
  });

  it('the filter keeps the text as typed, and its description shows that text', () => {
    for (const text of ['user\\*', 'caf\\xc3\\xa9:', 'a*\\x2a', 'session:']) {
      const filter = parseKeyFilter(text, 'hash');
      assert.equal(filter.text, text);
      assert.ok(describeKeyFilter(filter).includes(`"${text}"`), describeKeyFilter(filter));
    }
  });
});
