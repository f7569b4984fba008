/**
 * Removes passwords from text shown to the user or logged, by structure: the password field of
 * a URL (`scheme://user:password@host`), found the way a URL parser finds it — the user info
 * runs to the last "@" of the authority, so "/", "@", "%", "?", "#" and spaces inside a password
 * do not end it. A known password is also removed wherever it appears, unless it looks like a
 * plain word ("redis", "default"), where that would mangle the sentence.
 */

const SCHEME = /[a-z][a-z0-9+.-]*:\/\//gi;
const MASK = '***';

/** One URL as the user typed it (surrounding blanks kept), with its password replaced. */
export function redactUrl(text: string): string {
  const scheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (!scheme) return text;
  const start = scheme[0].length;
  // Blanks after the URL are not part of it; inside, they may belong to the password.
  const end = text.trimEnd().length;
  return maskUserInfo(text, start, text.lastIndexOf('@', end - 1));
}

/** The secrets of a connection that may turn up in a message (a ConnectionSecrets fits; declared here so redaction needs no import). */
export interface KnownSecrets {
  password?: string;
  sentinelPassword?: string;
  sshPassword?: string;
  sshPassphrase?: string;
}

/** A message with every URL password replaced, and the known passwords removed by structure. */
export function redactSecrets(message: string, secrets: KnownSecrets | undefined): string {
  let out = message;
  for (const secret of [secrets?.password, secrets?.sentinelPassword, secrets?.sshPassword, secrets?.sshPassphrase]) {
    if (!secret) continue;
    // A known password in a URL, spaces included, raw or percent-encoded.
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.replace(new RegExp(`(${SCHEME.source}[^\\s:@/]*:)${escapeRegExp(form)}@`, 'gi'), `$1${MASK}@`);
    }
    if (looksLikeSecret(secret)) out = out.split(secret).join(MASK);
  }
  return redactUrlsInText(out);
}

/** Each URL of free text: its user info ends at the last "@" before the next blank. */
function redactUrlsInText(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(SCHEME)) {
    const start = (match.index ?? 0) + match[0].length;
    if (start < from) continue;
    const blank = text.slice(start).search(/\s/);
    const end = blank === -1 ? text.length : start + blank;
    const at = text.lastIndexOf('@', end - 1);
    if (at < start) continue;
    const masked = maskUserInfo(text.slice(0, end), start, at);
    out += masked.slice(from);
    from = end;
  }
  return out + text.slice(from);
}

/** `text` with the password of the user info `text[start, at)` replaced; unchanged without one. */
function maskUserInfo(text: string, start: number, at: number): string {
  if (at < start) return text;
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon > at) return text;
  return text.slice(0, colon + 1) + MASK + text.slice(at);
}

/** Not a plain word: long enough and with a character other than letters, so it never occurs in our sentences. */
function looksLikeSecret(secret: string): boolean {
  return secret.length >= 8 && /[^\p{L}]/u.test(secret);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
