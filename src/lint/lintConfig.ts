/** The `--config` file: analyzer options plus `exclude` globs, validated with clear messages. */
import { promises as fs } from 'node:fs';
import { type AnalysisOptions, AnalysisOptionsError, resolveOptions } from '../core/analysis';

export interface LintConfig {
  options: AnalysisOptions;
  exclude: string[];
}

export class ConfigError extends Error {}

export async function loadLintConfig(file: string | null): Promise<LintConfig> {
  if (!file) return { options: {}, exclude: [] };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError(`Config file ${file} must hold a JSON object`);
  const { exclude, $schema: _schema, ...options } = json as Record<string, unknown>;
  if (exclude !== undefined && (!Array.isArray(exclude) || exclude.some((g) => typeof g !== 'string'))) {
    throw new ConfigError(`${file}: "exclude" must be an array of glob strings`);
  }
  try {
    resolveOptions(options);
  } catch (err) {
    if (err instanceof AnalysisOptionsError) throw new ConfigError(`${file}: ${err.message}`);
    throw err;
  }
  return { options: options, exclude: (exclude as string[] | undefined) ?? [] };
}
