import assert from 'node:assert/strict';
import { bytesFromEdit, bytesFromId, CELL_TEXT_LIMIT, wireBytes } from '../../../../../src/core/redis/values/wireValues';

describe('bytes on the wire to the key editor', () => {
  it('sends readable UTF-8 as text and anything else as redis-cli escapes that read back to the same bytes', () => {
    const samples = [Buffer.from('plain'), Buffer.from('line\nbreak ✓'), Buffer.from([0x00, 0xff, 0x5c, 0x41]), Buffer.from('bidi \u202e override'), Buffer.alloc(0)];
    for (const bytes of samples) {
      const wire = wireBytes(bytes);
      assert.deepEqual(bytesFromId(wire.id), bytes, 'the id names the exact bytes');
      assert.deepEqual(bytesFromEdit({ text: wire.text, mode: wire.mode }), bytes, `${JSON.stringify(wire.text)} round-trips`);
    }
    assert.deepEqual(wireBytes(Buffer.from('line\nbreak')), { id: Buffer.from('line\nbreak').toString('base64'), mode: 'text', text: 'line\nbreak', bytes: 10 });
    assert.equal(wireBytes(Buffer.from([0x00, 0xff])).text, '\\x00\\xff');
    assert.equal(wireBytes(Buffer.from('bidi \u202e')).mode, 'escaped', 'hidden direction overrides are shown, not obeyed');
  });

  it('cuts huge values for display and says so', () => {
    const huge = Buffer.alloc(CELL_TEXT_LIMIT * 2, 'x');
    const wire = wireBytes(huge);
    assert.equal(wire.truncated, true);
    assert.equal(wire.text.length, CELL_TEXT_LIMIT);
    assert.equal(wire.bytes, huge.length);
    assert.deepEqual(bytesFromId(wire.id), huge, 'the id still names the whole value');
  });

  it('reads backslashes literally in text mode and as escapes in escaped mode', () => {
    assert.deepEqual(bytesFromEdit({ text: 'a\\x41', mode: 'text' }), Buffer.from('a\\x41'));
    assert.deepEqual(bytesFromEdit({ text: 'a\\x41', mode: 'escaped' }), Buffer.from('aA'));
    assert.throws(() => bytesFromEdit({ text: 'bad\\q', mode: 'escaped' }), /unknown escape/);
  });
});
