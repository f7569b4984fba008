/** The `--config` file: analyzer options plus `exclude` globs, validated with clear messages. */
import { promises as fs } from 'node:fs';
import { type AnalysisOptions, ProjectConfigError, parseProjectConfig } from '../../core/analysis';

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
  try {
    return parseProjectConfig(json, `Config file ${file}`);
  } catch (err) {
    if (err instanceof ProjectConfigError) throw new ConfigError(err.message);
    throw err;
  }
}
