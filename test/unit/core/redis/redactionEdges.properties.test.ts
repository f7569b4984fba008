import assert from 'node:assert/strict';
import { redactSecrets, redactUrl } from '../../../../src/core/redis/connection/redaction';

describe('URL redaction at the edges, stated as properties', () => {
  it('masks a password that ends the text or a line, and leaves a URL whose "@" lies past it alone', () => {
    assert.equal(redactUrl('redis://u:pw@'), 'redis://u:***@');
    assert.equal(redactUrl('redis://u:p w@h \t'), 'redis://u:***@h \t');
    assert.equal(redactSecrets('redis://u:pw@h\nnext line a@b', undefined), 'redis://u:***@h\nnext line a@b');
    assert.equal(redactSecrets('see redis://host:1 then mail a:b@c', undefined), 'see redis://host:1 then mail a:b@c');
    assert.equal(redactSecrets('redis://u:pw@h', undefined), 'redis://u:***@h');
    assert.equal(redactSecrets('x redis://u@h:1 y', undefined), 'x redis://u@h:1 y');
  });

  it('every URL of a text is masked once, even when one URL is the scheme of the next', () => {
    assert.equal(redactSecrets('a redis://u:p@h redis://v:q@i', undefined), 'a redis://u:***@h redis://v:***@i');
    assert.equal(redactSecrets('redis://u:p@redis://v:q@i', undefined), 'redis://u:***@i');
  });

  it('a known secret full of regular-expression characters is masked literally', () => {
    const secret = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    assert.equal(redactSecrets(`redis://u:${secret}@h and ${secret}`, { password: secret }), 'redis://u:***@h and ***');
    assert.equal(redactSecrets('redis://u:aXb@h axbxcxdxexfxgxhxixjxkxlxmxnxo', { password: secret }), 'redis://u:***@h axbxcxdxexfxgxhxixjxkxlxmxnxo');
  });
});
