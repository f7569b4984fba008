import assert from 'node:assert/strict';
import { redactSecrets, redactUrl } from '../../../../src/core/redis/connection/redaction';

/** Passwords with every character that could end a naive user-info match. */
const PASSWORDS = ['p', 'pa:ss', 'p/w', 'p@w', 'p%40w', 'p?w', 'p#w', 'p w', 'p@:/?# w', ':', '@@'];
const SCHEMES = ['redis', 'rediss', 'redis+sentinel', 'valkey', 'unix'];

describe('URL redaction, stated as properties', () => {
  it('redactUrl masks the whole password of any scheme, keeping user, host, path and surrounding blanks', () => {
    for (const scheme of SCHEMES) {
      for (const password of PASSWORDS) {
        const url = `  ${scheme}://user:${password}@host:6379/0  `;
        assert.equal(redactUrl(url), `  ${scheme}://user:***@host:6379/0  `, url);
        assert.equal(redactUrl(`${scheme}://:${password}@host`), `${scheme}://:***@host`, password);
      }
    }
  });

  it('redactUrl leaves text without a password as it is', () => {
    for (const text of ['redis://host:6379', 'redis://user@host:6379', 'host:6379', 'not a url: a@b', '']) assert.equal(redactUrl(text), text);
  });

  it('redactSecrets masks every URL password of a sentence and keeps every other word', () => {
    for (const password of PASSWORDS.filter((pw) => !pw.includes(' '))) {
      const message = `Could not reach redis://u:${password}@a:1 nor rediss://:${password}@b:2/3, giving up.`;
      assert.equal(redactSecrets(message, undefined), 'Could not reach redis://u:***@a:1 nor rediss://:***@b:2/3, giving up.', password);
    }
  });

  it('redactSecrets removes every known secret wherever it stands, raw or percent-encoded in a URL, unless it is a plain word', () => {
    const secret = 'S3cr:t @/x';
    for (const field of ['password', 'sentinelPassword', 'sshPassword', 'sshPassphrase'] as const) {
      const secrets = { [field]: secret };
      const message = `AUTH failed for redis://u:${secret}@h:1 and redis://u:${encodeURIComponent(secret)}@h:2; the log said ${secret} twice: ${secret}.`;
      const redacted = redactSecrets(message, secrets);
      assert.ok(!redacted.includes(secret) && !redacted.includes(encodeURIComponent(secret)), `${field}: ${redacted}`);
      assert.equal(redacted, 'AUTH failed for redis://u:***@h:1 and redis://u:***@h:2; the log said *** twice: ***.', field);
    }
    // A plain word, or a short one, would mangle the sentence: only its URL form is masked.
    for (const word of ['default', 'redis', 'pa55']) {
      assert.equal(redactSecrets(`the default user: redis://default:${word}@h`, { password: word }), 'the default user: redis://default:***@h', word);
    }
    // The line between a plain word and a secret: eight characters, one of them not a letter.
    assert.equal(redactSecrets('he said abcdefg1.', { password: 'abcdefg1' }), 'he said ***.');
    assert.equal(redactSecrets('he said abcdef1.', { password: 'abcdef1' }), 'he said abcdef1.');
    assert.equal(redactSecrets('he said abcdefgh.', { password: 'abcdefgh' }), 'he said abcdefgh.');
  });
});
