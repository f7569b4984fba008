/**
 * Which options each linted file gets: the nearest project config (`redis-specialist.config.json`
 * or package.json "redisSpecialist") under the `--config` file, whose settings win. Files the
 * project config excludes are dropped. Every config is read before any file is analysed, so a
 * broken one is a configuration error (exit 2) rather than a half-finished report.
 */
import * as path from 'node:path';
import { type AnalysisOptions, ProjectConfigFinder, matchesAnyGlob, mergeAnalysisOptions, toPosixPath } from '../../core/analysis';

export interface PlannedFile {
  file: string;
  options: AnalysisOptions;
}

export async function planFiles(files: readonly string[], cliOptions: AnalysisOptions): Promise<PlannedFile[]> {
  const finder = new ProjectConfigFinder();
  const planned: PlannedFile[] = [];
  for (const file of files) {
    const project = await finder.find(path.dirname(file));
    if (!project) {
      planned.push({ file, options: cliOptions });
      continue;
    }
    const relative = toPosixPath(path.relative(path.dirname(project.file), file));
    if (project.exclude.length > 0 && matchesAnyGlob(relative, project.exclude)) continue;
    planned.push({ file, options: mergeAnalysisOptions(project.options, cliOptions) });
  }
  return planned;
}
