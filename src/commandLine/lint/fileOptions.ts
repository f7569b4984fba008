/**
 * Which options each linted file gets: the nearest project config (`redis-specialist.config.json`
 * or package.json "redisSpecialist") under the `--config` file, whose settings win, and the major
 * version of node-redis the nearest package.json (or its lockfile) installs. Files the project config
 * excludes are dropped. Every config is read before any file is analysed, so a
 * broken one is a configuration error (exit 2) rather than a half-finished report.
 */
import * as path from 'node:path';
import { type AnalysisOptions, ProjectConfigFinder, matchesAnyGlob, mergeAnalysisOptions, toPosixPath } from '../../core/analysis';
import { NearestClientVersions } from './nearestClientVersions';

export interface PlannedFile {
  file: string;
  options: AnalysisOptions;
}

export async function planFiles(files: readonly string[], cliOptions: AnalysisOptions): Promise<PlannedFile[]> {
  const finder = new ProjectConfigFinder();
  const versions = new NearestClientVersions();
  const planned: PlannedFile[] = [];
  for (const file of files) {
    const project = await finder.find(path.dirname(file));
    if (project) {
      const relative = toPosixPath(path.relative(path.dirname(project.file), file));
      if (project.exclude.length > 0 && matchesAnyGlob(relative, project.exclude)) continue;
    }
    const options = project ? mergeAnalysisOptions(project.options, cliOptions) : cliOptions;
    // Like the editor: the node-redis the project installs, unless a configuration says which.
    const major = options.nodeRedisMajor === undefined ? await versions.nodeRedisMajor(path.dirname(file)) : null;
    planned.push({ file, options: major === null ? options : { ...options, nodeRedisMajor: major } });
  }
  return planned;
}
