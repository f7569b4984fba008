import assert from 'node:assert/strict';
import { displayBytes, quoteForRedisCli } from '../../../../src/core/redis/bytes/bytesDisplay';

describe('displayBytes', () => {
  it('keeps printable ASCII and valid UTF-8 readable', () => {
    assert.equal(displayBytes(Buffer.from('user:42')), 'user:42');
    assert.equal(displayBytes(Buffer.from('clé:日本:😀')), 'clé:日本:😀');
    assert.equal(displayBytes('<script>"x"</script>'), '<script>"x"</script>');
  });
  it('writes bytes that are not UTF-8 as \\xNN, like redis-cli', () => {
    assert.equal(displayBytes(Buffer.from([0xff, 0x01, 0x6b])), '\\xff\\x01k');
    assert.equal(displayBytes(Buffer.from([0xc3])), '\\xc3'); // truncated sequence
    assert.equal(displayBytes(Buffer.from([0xc0, 0xaf])), '\\xc0\\xaf'); // overlong "/"
    assert.equal(displayBytes(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80'); // UTF-16 surrogate
    assert.equal(displayBytes(Buffer.from([0xf4, 0x90, 0x80, 0x80])), '\\xf4\\x90\\x80\\x80'); // above U+10FFFF
  });
  it('escapes control characters, backslashes and invisible direction overrides', () => {
    assert.equal(displayBytes(Buffer.from('a\nb\r\tc\x00\x7f')), 'a\\nb\\r\\tc\\x00\\x7f');
    assert.equal(displayBytes(Buffer.from('C:\\dir')), 'C:\\\\dir');
    assert.equal(displayBytes(Buffer.from('a\u202Eb')), 'a\\xe2\\x80\\xaeb');
    assert.equal(displayBytes(Buffer.from('\u0085')), '\\xc2\\x85');
  });
  it('tells a literal "\\xff" text apart from the byte 0xff', () => {
    assert.notEqual(displayBytes(Buffer.from('\\xff')), displayBytes(Buffer.from([0xff])));
  });
});

describe('quoteForRedisCli', () => {
  it('leaves plain words bare and quotes the rest', () => {
    assert.equal(quoteForRedisCli('GET'), 'GET');
    assert.equal(quoteForRedisCli(''), '""');
    assert.equal(quoteForRedisCli('a b'), '"a b"');
    assert.equal(quoteForRedisCli('say "hi"'), '"say \\"hi\\""');
    assert.equal(quoteForRedisCli('\\xff'), '"\\xff"');
    assert.equal(quoteForRedisCli("it's"), '"it\'s"');
  });
});
