/**
 * The project's analyzer configuration, shared by the editor and the CLI: the nearest
 * `redis-specialist.config.json`, or a `redisSpecialist` key in a package.json, found upward from a
 * file. It holds analyzer options (rules, testFileGlobs, …) and, for the CLI, `exclude` globs.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type AnalysisOptions, AnalysisOptionsError, resolveOptions } from './options';
import { NearestFolder } from './nearestFolder';

export const PROJECT_CONFIG_FILE = 'redis-specialist.config.json';
export const PACKAGE_JSON_KEY = 'redisSpecialist';

export interface ProjectConfig {
  /** The file it came from (a config file or a package.json). */
  file: string;
  options: AnalysisOptions;
  /** Globs relative to the config's folder (the CLI skips matching files). */
  exclude: string[];
}

export class ProjectConfigError extends Error {}

/** Validates a config object (from a file, package.json or `--config`); throws ProjectConfigError naming `where`. */
export function parseProjectConfig(json: unknown, where: string): Omit<ProjectConfig, 'file'> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ProjectConfigError(`${where} must hold a JSON object`);
  const { exclude, $schema: _schema, ...options } = json as Record<string, unknown>;
  if (exclude !== undefined && (!Array.isArray(exclude) || exclude.some((g) => typeof g !== 'string'))) {
    throw new ProjectConfigError(`${where}: "exclude" must be an array of glob strings`);
  }
  try {
    resolveOptions(options);
  } catch (err) {
    if (err instanceof AnalysisOptionsError) throw new ProjectConfigError(`${where}: ${err.message}`);
    throw err;
  }
  return { options, exclude: (exclude as string[] | undefined) ?? [] };
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ProjectConfigError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ProjectConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The config of one folder itself (not its ancestors), or null. A config file wins over package.json. */
export async function folderProjectConfig(dir: string): Promise<ProjectConfig | null> {
  const file = path.join(dir, PROJECT_CONFIG_FILE);
  const own = await readJson(file);
  if (own !== undefined) return { file, ...parseProjectConfig(own, file) };
  const manifestFile = path.join(dir, 'package.json');
  const manifest = await readJson(manifestFile).catch(() => undefined); // someone else's broken package.json is not ours to report
  const section = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>)[PACKAGE_JSON_KEY] : undefined;
  return section === undefined ? null : { file: manifestFile, ...parseProjectConfig(section, `${manifestFile} ("${PACKAGE_JSON_KEY}")`) };
}

/** Options of `over` win over `base`; rule settings merge per rule. */
export function mergeAnalysisOptions(base: AnalysisOptions, over: AnalysisOptions): AnalysisOptions {
  return { ...base, ...over, rules: { ...base.rules, ...over.rules } };
}

/**
 * Finds the nearest config upward from a folder, caching every folder's answer (configs are
 * looked up for every file). `invalidate()` after a config or package.json changes.
 */
export class ProjectConfigFinder extends NearestFolder<ProjectConfig> {
  constructor() {
    super(folderProjectConfig);
  }
}
