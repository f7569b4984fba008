import { parseCommandLine } from './parseCommandLine';

/**
 * Which command lines must never be kept in the CLI history (it is persisted): any line that
 * mentions a command or parameter that carries a secret. "Mentions" is deliberately loose — the
 * words of the line as typed and as parsed (quotes and \x escapes resolved), wherever they stand,
 * even when the line does not parse — since a stray recorded password costs more than a command
 * missing from the history.
 */

/**
 * AUTH, HELLO … AUTH, MIGRATE … AUTH/AUTH2; the CONFIG SET parameters Redis marks sensitive
 * (and Valkey's `primary*` names); SENTINEL SET and SENTINEL CONFIG SET options. The server's
 * COMMAND DOCS add the tokens of password arguments it knows (commandCatalog.ts).
 */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
  'auth',
  'auth2',
  'requirepass',
  'masterauth',
  'masteruser',
  'primaryauth',
  'primaryuser',
  'tls-key-file-pass',
  'tls-client-key-file-pass',
  'auth-pass',
  'auth-user',
  'sentinel-pass',
  'sentinel-user',
]);

/** True when `line` names a secret-bearing command or parameter (`words` adds the server's own). */
export function mentionsSecret(line: string, words: ReadonlySet<string> = SECRET_WORDS): boolean {
  const seen = lineWords(line);
  if (seen.some((word) => SECRET_WORDS.has(word) || words.has(word))) return true;
  // ACL SETUSER rules carry passwords (>pw, <pw) and hashes (#h, !h); none of it belongs in a history.
  return seen.some((word, i) => word === 'acl' && seen[i + 1] === 'setuser');
}

function lineWords(line: string): string[] {
  const typed = line.toLowerCase().split(/[\s"']+/).filter(Boolean);
  const parsed = parseCommandLine(line)?.map((arg) => arg.toString('latin1').toLowerCase()) ?? [];
  return [...typed, ...parsed];
}
