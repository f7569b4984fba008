/**
 * Which client versions a workspace uses, for version-specific quick fixes (node-redis v4 and v5
 * spell SET options and scanIterator differently). Lockfiles win over package.json ranges, which
 * win over what is installed.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { NodeRedisMajor } from './types';

export interface ClientVersions {
  /** 4 or 5 (node-redis `redis` / `@redis/client`), null when unknown or not used. */
  nodeRedisMajor: NodeRedisMajor | null;
  ioredisMajor: number | null;
  /** Where the node-redis version came from, for diagnostics. */
  source: 'lockfile' | 'package.json' | 'node_modules' | null;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

function majorOf(version: string | undefined | null): number | null {
  const m = version ? /(\d+)\.?/.exec(version.replace(/^[^\d]*/, '')) : null;
  return m ? Number(m[1]) : null;
}

/** `@redis/client` 1.x ships with redis 4; from 5 on both share the major. `redis` 2 and 3 share v3's API (3). */
function nodeRedisMajorFrom(pkg: 'redis' | '@redis/client', version: string | null | undefined): NodeRedisMajor | null {
  const major = majorOf(version);
  if (major === null) return null;
  if (pkg === '@redis/client') return major === 1 ? 4 : major >= 5 ? 5 : null;
  return major === 2 || major === 3 ? 3 : major === 4 ? 4 : major >= 5 ? 5 : null;
}

function lockfileVersion(lock: string, kind: 'npm' | 'yarn' | 'pnpm', pkg: string): string | null {
  if (kind === 'npm') {
    try {
      const json = JSON.parse(lock) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
      return json.packages?.[`node_modules/${pkg}`]?.version ?? json.dependencies?.[pkg]?.version ?? null;
    } catch {
      return null;
    }
  }
  const escaped = pkg.replace(/[/@.]/g, (c) => `\\${c}`);
  if (kind === 'yarn') {
    const m = new RegExp(`^"?${escaped}@[^\\n]*:\\n\\s+version:?\\s+"?([\\d.]+[^"\\n]*)`, 'm').exec(lock);
    return m ? m[1] : null;
  }
  const m = new RegExp(`^\\s+/?${escaped}[@/]([\\d.]+)`, 'm').exec(lock) ?? new RegExp(`^\\s+['"]?${escaped}['"]?:\\s*\\n\\s+specifier:[^\\n]*\\n\\s+version:\\s*([\\d.]+)`, 'm').exec(lock);
  return m ? m[1] : null;
}

export async function detectClientVersions(workspaceRoot: string): Promise<ClientVersions> {
  const result: ClientVersions = { nodeRedisMajor: null, ioredisMajor: null, source: null };
  const locks: Array<['npm' | 'yarn' | 'pnpm', string]> = [
    ['npm', 'package-lock.json'],
    ['npm', 'npm-shrinkwrap.json'],
    ['yarn', 'yarn.lock'],
    ['pnpm', 'pnpm-lock.yaml'],
  ];
  for (const [kind, file] of locks) {
    const lock = await readText(path.join(workspaceRoot, file));
    if (!lock) continue;
    result.nodeRedisMajor = nodeRedisMajorFrom('redis', lockfileVersion(lock, kind, 'redis')) ?? nodeRedisMajorFrom('@redis/client', lockfileVersion(lock, kind, '@redis/client'));
    result.ioredisMajor = majorOf(lockfileVersion(lock, kind, 'ioredis'));
    if (result.nodeRedisMajor !== null) result.source = 'lockfile';
    break;
  }
  const manifest = await readText(path.join(workspaceRoot, 'package.json'));
  if (manifest && result.nodeRedisMajor === null) {
    try {
      const json = JSON.parse(manifest) as Record<string, Record<string, string> | undefined>;
      const deps = { ...json.peerDependencies, ...json.devDependencies, ...json.dependencies };
      result.nodeRedisMajor = nodeRedisMajorFrom('redis', deps.redis) ?? nodeRedisMajorFrom('@redis/client', deps['@redis/client']);
      result.ioredisMajor ??= majorOf(deps.ioredis);
      if (result.nodeRedisMajor !== null) result.source = 'package.json';
    } catch {
      // A broken package.json is the user's to fix; versions stay unknown.
    }
  }
  if (result.nodeRedisMajor === null) {
    for (const pkg of ['redis', '@redis/client'] as const) {
      const installed = await readText(path.join(workspaceRoot, 'node_modules', pkg, 'package.json'));
      const version = installed ? (JSON.parse(installed) as { version?: string }).version : null;
      result.nodeRedisMajor = nodeRedisMajorFrom(pkg, version);
      if (result.nodeRedisMajor !== null) {
        result.source = 'node_modules';
        break;
      }
    }
  }
  return result;
}
