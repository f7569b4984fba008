import path from 'node:path';
import { readConfigLines } from './sshConfigParser';
import { nodeConfigFileSystem } from './sshConfigFiles';
import type { SshEnvironment } from './sshRoute';

/**
 * The `Host` aliases of the user's OpenSSH configuration (Include followed) that name one host:
 * patterns with `*`, `?` or `!` are left out, as `ssh <alias>` could never pick them by name.
 * In file order, each once.
 */
export function sshConfigAliases(env: SshEnvironment): string[] {
  const file = env.configFile ?? path.join(env.homeDir, '.ssh', 'config');
  const lines = readConfigLines(file, { fs: env.fs ?? nodeConfigFileSystem, homeDir: env.homeDir, includeBase: path.join(env.homeDir, '.ssh') });
  const aliases = lines.filter((line) => line.keyword === 'host').flatMap((line) => line.args).filter((name) => !/[*?!]/.test(name));
  return [...new Set(aliases)];
}
