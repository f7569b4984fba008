import assert from 'node:assert/strict';
import { redactSecrets, redactUrl } from '../../../../src/core/redis/connection/redaction';

/**
 * URL redaction over every combination of scheme (any case), user, password (short or long, plain
 * word or not, with the characters that end a URL part elsewhere: space, "@", "/", ":", "%", "?",
 * "#", regex metacharacters), host form and surrounding blanks: the password — and only the
 * password — becomes ***, in a URL on its own and in a message holding it twice.
 */
const SCHEMES = ['redis', 'rediss', 'REDIS', 'Rediss', 'redis+sentinel'];
const USERS = ['', 'u', 'default'];
const PASSWORDS = ['pw', 'redis', 'a b', 'x y+z', 'p.s(s)', 'p@ss', 'a/b', 'c:d', '50%', 'q?r#s', 'long-secret-91c4', 'with space and @ and / 12'];
const HOSTS = ['host', 'host:6379', '127.0.0.1:6380/2', '[::1]:7000?readonly'];
/** Up to more blanks than there are characters after the "@" (the end of the URL is found from the right). */
const BLANKS = ['', ' ', '   ', ' '.repeat(24)];

describe('URL redaction, stated over every URL shape', () => {
  it('a URL on its own: exactly its password is masked, surrounding blanks kept', () => {
    for (const scheme of SCHEMES)
      for (const user of USERS)
        for (const password of PASSWORDS)
          for (const host of HOSTS)
            for (const [before, after] of [['', ''], [BLANKS[2], ''], ['', BLANKS[2]], [BLANKS[1], BLANKS[2]], [BLANKS[3], ''], ['', BLANKS[3]]]) {
              const url = `${before}${scheme}://${user}:${password}@${host}${after}`;
              assert.equal(redactUrl(url), `${before}${scheme}://${user}:***@${host}${after}`, url);
            }
  });

  it('a URL without a password is left as it is', () => {
    for (const scheme of SCHEMES)
      for (const host of HOSTS)
        for (const url of [`${scheme}://${host}`, `${scheme}://user@${host}`, `${scheme}://user@host`, ` ${scheme}://@${host} `]) {
          assert.equal(redactUrl(url), url);
          assert.equal(redactSecrets(`failed: ${url} (refused)`, undefined), `failed: ${url} (refused)`);
        }
  });

  it('a message naming the URL twice: the known password is masked in both, raw or percent-encoded', () => {
    for (const scheme of SCHEMES)
      for (const password of PASSWORDS)
        for (const encoded of [false, true]) {
          const written = encoded ? encodeURIComponent(password) : password;
          const url = (host: string): string => `${scheme}://app:${written}@${host}`;
          const masked = (host: string): string => `${scheme}://app:***@${host}`;
          const message = `Could not reach ${url('one:6379')} nor ${url('two:6379')}; giving up.`;
          assert.equal(redactSecrets(message, { password }), `Could not reach ${masked('one:6379')} nor ${masked('two:6379')}; giving up.`, message);
        }
  });
});
