import assert from 'node:assert/strict';
import { describeValue, hexDump, parseValueText, reformatJson, ValueTextError } from '../../../../../src/core/redis/values/valueText';

describe('describeValue', () => {
  it('shows UTF-8 text as is', () => {
    assert.deepEqual(describeValue(Buffer.from('héllo\nworld\t!')), { format: 'text', text: 'héllo\nworld\t!' });
  });

  it('pretty-prints JSON objects and arrays, remembering whether they were compact', () => {
    const compact = describeValue(Buffer.from('{"a":[1,2],"b":{}}'));
    assert.equal(compact.format, 'json');
    assert.equal(compact.text, '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}');
    assert.equal(compact.compactJson, true);
    assert.equal(describeValue(Buffer.from('{ "a": 1 }')).compactJson, false);
  });

  it('does not call scalars or broken JSON documents JSON', () => {
    assert.equal(describeValue(Buffer.from('42')).format, 'text');
    assert.equal(describeValue(Buffer.from('"x"')).format, 'text');
    assert.equal(describeValue(Buffer.from('{"a":')).format, 'text');
  });

  it('escapes binary and control characters, and round-trips them', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x41, 0x5c, 0x0a, 0xc3, 0xa9]);
    const shown = describeValue(bytes);
    assert.equal(shown.format, 'binary');
    assert.equal(shown.text, '\\x00\\xffA\\\\\\né');
    assert.deepEqual(parseValueText(shown.text, 'binary'), bytes);
    assert.equal(describeValue(Buffer.from('a\u202eb')).format, 'binary');
  });
});

describe('reformatJson', () => {
  it('keeps big numbers and string contents exactly', () => {
    const text = '{"id":12345678901234567890,"s":"a, b: {c}","f":1.000}';
    assert.equal(reformatJson(reformatJson(text, 2), 0), text);
    assert.match(reformatJson(text, 2), /"id": 12345678901234567890,/);
    assert.match(reformatJson(text, 2), /"s": "a, b: \{c\}"/);
  });

  it('handles escaped quotes and empty containers', () => {
    assert.equal(reformatJson('[ "a\\"b" , [ ] , { } ]', 0), '["a\\"b",[],{}]');
  });
});

describe('parseValueText', () => {
  it('stores JSON compact when the original was compact, as written otherwise', () => {
    assert.equal(parseValueText('{\n  "a": 1\n}', 'json', true).toString(), '{"a":1}');
    assert.equal(parseValueText('{\n  "a": 1\n}', 'json', false).toString(), '{\n  "a": 1\n}');
  });

  it('refuses invalid JSON and invalid escapes with a clear error', () => {
    assert.throws(() => parseValueText('{"a":', 'json'), ValueTextError);
    assert.throws(() => parseValueText('\\xZ1', 'binary'), /two hex digits/);
  });
});

describe('hexDump', () => {
  it('shows offset, hex and ASCII columns', () => {
    assert.equal(hexDump(Buffer.from('Hello\x00'), 16), '00000010  48 65 6c 6c 6f 00                                 |Hello.|');
  });
});
