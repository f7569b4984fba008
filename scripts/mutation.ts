// `npm run mutation [-- <part of a module path>…]`: Stryker once per mutated module, each with the
// tests that must catch that module's bugs (stryker.config.mjs), one worker at a time; then the BENCH
// line over every module's newest report (scripts/mutation-summary.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { mutatedModules } = (await import(path.join(root, 'stryker.config.mjs'))) as { mutatedModules: Record<string, string[]> };
  const filters = process.argv.slice(2);
  const modules = Object.keys(mutatedModules).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
  if (modules.length === 0) throw new Error(`No mutated module matches ${filters.join(', ')}; they are listed in stryker.config.mjs.`);
  for (const file of modules) {
    console.log(`\n== ${file}`);
    const report = path.join('test-results', 'mutation', `${file.replace(/^src\//, '').replace(/\.ts$/, '').replace(/\//g, '.')}.json`);
    const run = spawnSync('npx', ['stryker', 'run'], { cwd: root, stdio: 'inherit', env: { ...process.env, STRYKER_MUTATE: file, STRYKER_REPORT: report } });
    if (run.status !== 0) throw new Error(`Stryker failed on ${file} (exit ${run.status}).`);
  }
  const summary = spawnSync('npx', ['tsx', path.join('scripts', 'mutation-summary.ts')], { cwd: root, stdio: 'inherit' });
  process.exitCode = summary.status ?? 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
