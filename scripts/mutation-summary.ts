// Reads Stryker's JSON report (written by `npm run mutation`) and prints one BENCH line:
//   BENCH mutation files=N mutants=N killed=N survived=N timeout=N score=0.xx
// score = (killed + timeout) / mutants. Mutants no test covers count as survived; mutants that do
// not compile or crash on load (CompileError, RuntimeError) and ignored ones are left out, as
// Stryker itself does, because no test could ever run against them. The survivors go to stderr,
// one per line, for reading.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface MutationReport {
  files: Record<string, { mutants: Array<{ status: string; mutatorName: string; replacement?: string; location: { start: { line: number } } }> }>;
}

const reportFile = path.resolve(__dirname, '..', 'test-results', 'mutation', 'mutation.json');
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport;

const counts = { killed: 0, survived: 0, timeout: 0 };
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const { status, mutatorName, replacement, location } of mutants) {
    if (status === 'Killed') counts.killed++;
    else if (status === 'Timeout') counts.timeout++;
    else if (status === 'Survived' || status === 'NoCoverage') {
      counts.survived++;
      console.error(`${status} ${file}:${location.start.line} ${mutatorName} ${JSON.stringify(replacement ?? '')}`);
    }
  }
}
const mutants = counts.killed + counts.survived + counts.timeout;
const score = mutants === 0 ? 0 : (counts.killed + counts.timeout) / mutants;
console.log(
  `BENCH mutation files=${Object.keys(report.files).length} mutants=${mutants} killed=${counts.killed} ` +
    `survived=${counts.survived} timeout=${counts.timeout} score=${score.toFixed(2)}`,
);
