import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The demo's sample workspace: a fresh copy of demo/sample-service in one temporary folder that
 * also holds everything else the demo creates, so stopping removes a single folder.
 */
export interface DemoWorkspace {
  /** The temporary folder that holds the workspace and the demo's other throwaway state. */
  root: string;
  /** The folder opened in VS Code. */
  folder: string;
  dispose(): void;
}

export interface DemoWorkspaceOptions {
  repoRoot: string;
  redis: { host: string; port: number };
}

const sampleDir = (repoRoot: string): string => path.join(repoRoot, 'demo', 'sample-service');

/**
 * The packages whose type declarations the sample code needs: its declared dependencies plus
 * Node's own types (the samples read `process.env`).
 */
export function samplePackages(repoRoot: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(sampleDir(repoRoot), 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  return [...new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})])];
}

/**
 * Links each package the sample declares from the repository's own node_modules, so TypeScript
 * in the demo finds `ioredis` and `redis` without a network install. Symlinks resolve to the real
 * folders, so the packages' own dependencies resolve from the repository too.
 */
function linkSamplePackages(repoRoot: string, folder: string): void {
  for (const name of samplePackages(repoRoot)) {
    const source = path.join(repoRoot, 'node_modules', name);
    if (!existsSync(source)) throw new Error(`The demo needs the package "${name}" in ${path.join(repoRoot, 'node_modules')}: run npm install first.`);
    const target = path.join(folder, 'node_modules', name);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(source, target, 'dir');
  }
}

export function prepareDemoWorkspace(options: DemoWorkspaceOptions): DemoWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), 'redis-specialist-demo-'));
  const folder = path.join(root, 'sample-service');
  try {
    cpSync(sampleDir(options.repoRoot), folder, { recursive: true });
    linkSamplePackages(options.repoRoot, folder);
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      JSON.stringify({ 'redisSpecialist.connections': [{ id: 'demo', name: 'Demo server (throwaway)', host: options.redis.host, port: options.redis.port, label: 'demo' }] }, null, 2),
    );
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  // rmSync removes the links themselves, never the repository's packages they point to.
  return { root, folder, dispose: () => rmSync(root, { recursive: true, force: true, maxRetries: 3 }) };
}
