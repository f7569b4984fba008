// Multi-file fixtures: every file of a project folder under test/fixtures/analysis/projects/ is analysed
// together (imports resolve between them, as in the CLI), and compared line by line with its markers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer, type AnalysisResult, type ProjectFile, analyzeFiles, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { FIXTURES, compareWithMarkers } from './analyzerHarness';

const PROJECTS = path.join(FIXTURES, 'projects');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('analyzer project fixtures (clients resolved across files)', () => {
  for (const project of fs.readdirSync(PROJECTS).sort()) {
    it(project, async () => {
      const root = path.join(PROJECTS, project);
      const files: ProjectFile[] = filesUnder(root)
        .sort()
        .map((file) => ({ name: path.relative(root, file).split(path.sep).join('/'), read: () => fs.promises.readFile(file, 'utf8') }));
      const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
      const results = new Map<string, AnalysisResult>();
      try {
        await analyzeFiles(analyzer, files, (file, result) => results.set(file.name, result));
      } finally {
        analyzer.dispose();
      }
      const problems: string[] = [];
      for (const file of files) {
        const result = results.get(file.name);
        assert.ok(result, file.name);
        assert.deepEqual(result.notes, [], file.name);
        problems.push(...compareWithMarkers(await file.read(), result).map((p) => `${file.name} ${p}`));
      }
      assert.deepEqual(problems, []);
    });
  }
});
