// Merges Stryker's JSON reports (one per module, written by `npm run mutation`; test-results/mutation/)
// and prints one BENCH line over the modules listed in stryker.config.mjs:
//   BENCH mutation files=N mutants=N killed=N survived=N timeout=N score=0.xx
// score = (killed + timeout) / mutants. The newest report that holds a module counts for it. Mutants
// no test covers count as survived; mutants that do not compile or crash on load (CompileError,
// RuntimeError) and ignored ones are left out, as Stryker itself does, because no test could ever
// run against them. The survivors go to stderr, one per line, for reading.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number } };
}
interface MutationReport {
  files: Record<string, { mutants: Mutant[] }>;
}

const root = path.resolve(__dirname, '..');
const reportDir = path.join(root, 'test-results', 'mutation');

async function main(): Promise<void> {
  const { mutatedModules } = (await import(path.join(root, 'stryker.config.mjs'))) as { mutatedModules: Record<string, string[]> };
  const reports = readdirSync(reportDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(reportDir, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  // Oldest first, so that a newer report of a module replaces an older one.
  const newest = new Map<string, Mutant[]>();
  for (const file of reports) {
    const report = JSON.parse(readFileSync(file, 'utf8')) as MutationReport;
    for (const [module, { mutants }] of Object.entries(report.files)) newest.set(module.replace(/\\/g, '/'), mutants);
  }

  const counts = { killed: 0, survived: 0, timeout: 0 };
  const missing: string[] = [];
  const perModule: string[] = [];
  for (const module of Object.keys(mutatedModules)) {
    const mutants = newest.get(module);
    if (!mutants) {
      missing.push(module);
      continue;
    }
    const own = { killed: 0, survived: 0, timeout: 0 };
    for (const { status, mutatorName, replacement, location } of mutants) {
      if (status === 'Killed') own.killed++;
      else if (status === 'Timeout') own.timeout++;
      else if (status === 'Survived' || status === 'NoCoverage') {
        own.survived++;
        console.error(`${status} ${module}:${location.start.line} ${mutatorName} ${JSON.stringify(replacement ?? '')}`);
      }
    }
    const total = own.killed + own.survived + own.timeout;
    perModule.push(`  ${module}: ${total} mutants, ${own.survived} survived, score ${total === 0 ? '-' : ((own.killed + own.timeout) / total).toFixed(2)}`);
    counts.killed += own.killed;
    counts.survived += own.survived;
    counts.timeout += own.timeout;
  }
  console.error(perModule.join('\n'));
  if (missing.length > 0) console.error(`No report yet for: ${missing.join(', ')} (npm run mutation -- <module>)`);
  const mutants = counts.killed + counts.survived + counts.timeout;
  const score = mutants === 0 ? 0 : (counts.killed + counts.timeout) / mutants;
  console.log(
    `BENCH mutation files=${Object.keys(mutatedModules).length - missing.length} mutants=${mutants} killed=${counts.killed} ` +
      `survived=${counts.survived} timeout=${counts.timeout} score=${score.toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
