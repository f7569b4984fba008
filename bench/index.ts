// `npm run bench [-- name …]`: runs the named benchmarks (all when none is named). Each prints one
// or more `BENCH …` lines with ratios against a reference measured in the same run.
const benches: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  keyspace: () => import('./keyspace'),
  analyzer: () => import('./analyzer'),
  dashboard: () => import('./dashboard'),
  rdb: () => import('./rdb'),
  patterns: () => import('./patterns'),
  memory: () => import('./memory'),
  corpus: () => import('./corpus'),
};

async function main(): Promise<void> {
  // `--flag value` pairs belong to the benchmarks (e.g. `patterns --keys 200000`), not names.
  const asked = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const unknown = asked.filter((name) => !(name in benches));
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  for (const name of asked.length ? asked : Object.keys(benches)) {
    const bench = await benches[name]();
    await bench.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
