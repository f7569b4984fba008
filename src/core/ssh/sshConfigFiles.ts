import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchesPattern, resolveSshChain, type ResolvedSshHost } from './sshConfig';
import { readConfigLines, type ConfigFileSystem } from './sshConfigParser';

/** The real file system for the parser; Include globs expand `*` and `?` in any path segment. */
export const nodeConfigFileSystem: ConfigFileSystem = {
  readFile(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw new Error(`Cannot read the SSH configuration ${file}: ${(error as Error).message}`);
    }
  },
  glob(pattern) {
    const root = path.parse(pattern).root;
    let matches = [root];
    for (const segment of pattern.slice(root.length).split(/[\\/]+/).filter(Boolean)) {
      if (!/[*?]/.test(segment)) {
        matches = matches.map((dir) => path.join(dir, segment));
        continue;
      }
      matches = matches.flatMap((dir) => {
        try {
          return readdirSync(dir)
            .filter((name) => matchesPattern(name, segment) && (segment.startsWith('.') || !name.startsWith('.')))
            .sort()
            .map((name) => path.join(dir, name));
        } catch {
          return [];
        }
      });
    }
    return matches;
  },
};

export interface SshConfigSource {
  /** The configuration file; ~/.ssh/config by default. */
  configFile?: string;
  homeDir?: string;
  localUser?: string;
  fs?: ConfigFileSystem;
}

/** The hosts on the way to `alias` (jump hosts first) as the user's OpenSSH configuration says. */
export function resolveFromSshConfig(alias: string, overrides: { user?: string; port?: number }, source: SshConfigSource = {}): ResolvedSshHost[] {
  const homeDir = source.homeDir ?? os.homedir();
  const configFile = source.configFile ?? path.join(homeDir, '.ssh', 'config');
  const lines = readConfigLines(configFile, { fs: source.fs ?? nodeConfigFileSystem, homeDir, includeBase: path.join(homeDir, '.ssh') });
  return resolveSshChain(alias, lines, { homeDir, localUser: source.localUser ?? os.userInfo().username, ...overrides });
}
