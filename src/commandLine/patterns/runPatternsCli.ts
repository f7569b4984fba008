/** `patterns [--redis URL | --sentinel … --master-name NAME] [--replica] [--format json|table] [--sample N] [--fail-on no-ttl] <paths…>` → exit code. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ProjectConfigFinder, resolveOptions, type ResolvedOptions, type WasmLocation } from '../../core/analysis';
import { collectLivePatternStats, type LivePatternReport } from '../../core/patterns/livePatternStats';
import type { PatternSite } from '../../core/patterns/patternIndex';
import { dataFindings, enabledDataFindings, patternRows, sortRows, type DataFindingKind } from '../../core/patterns/patternReport';
import { suppressionComments, type SuppressionComments } from '../../core/patterns/suppressionComments';
import { userFacingMessage } from '../../core/redis/connection/connectionErrors';
import { MissingPathError } from '../lint/findFiles';
import { openRedisTarget, targetLabel, TargetConnectError } from '../openRedisTarget';
import type { RedisTarget } from '../redisTargetArgs';
import { formatPatternsJson, formatPatternsTable } from './formatPatterns';
import { PATTERNS_USAGE, PatternsUsageError, parsePatternsArgs, type PatternsArgs } from './patternsArgs';
import { readCodePatterns } from './readCodePatterns';
import { budgetFor } from '../scanCeilingFlags';

export interface PatternsCliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  wasm?: WasmLocation;
}

export const EXIT_OK = 0;
export const EXIT_FAIL_ON = 1;
export const EXIT_USAGE = 2;

/** Progress on stderr at most about once a second. */
const PROGRESS_EVERY_MS = 1000;

/** `argv` starts after the word `patterns`. Only the report goes to stdout. */
export async function runPatternsCli(argv: readonly string[], io: PatternsCliIo): Promise<number> {
  let args: PatternsArgs;
  try {
    const parsed = parsePatternsArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout(`${PATTERNS_USAGE}\n`);
      return EXIT_OK;
    }
    args = parsed.args;
  } catch (err) {
    if (!(err instanceof PatternsUsageError)) throw err;
    io.stderr(`${err.message}\n\n${PATTERNS_USAGE}\n`);
    return EXIT_USAGE;
  }
  let code;
  try {
    code = await readCodePatterns(args.paths, io.cwd, io.wasm);
  } catch (err) {
    if (!(err instanceof MissingPathError)) throw err;
    io.stderr(`${err.message}\n`);
    return EXIT_USAGE;
  }
  for (const line of code.skipped) io.stderr(`${line}\n`);
  if (args.paths.length > 0) io.stderr(`Read ${code.patterns.length} key pattern(s) from ${code.files} file(s).\n`);
  for (const finding of code.patterns.flatMap((p) => p.findings)) io.stderr(`warning: ${finding.message}\n`);

  let live: LivePatternReport | undefined;
  if (args.target !== null) {
    const outcome = await readLive(args.target, code.patterns.map((p) => p.pattern), args, io);
    if (typeof outcome === 'number') return outcome;
    live = outcome;
  }
  const rows = sortRows(patternRows(code.patterns, live), live ? 'memory' : 'pattern');
  io.stdout(args.format === 'json' ? formatPatternsJson(rows, live !== undefined) : formatPatternsTable(rows, live !== undefined));
  if (!live) return EXIT_OK;
  const findings = dataFindings(rows, args.target ? targetLabel(args.target) : '');
  // Each kind is a rule: one the project config turns off, or disable comments silence at every site it is shown at, is
  // neither printed nor counted by --fail-on (a comment at the write is how a key meant to live forever says so, as in ESLint).
  const enabled = await enabledDataFindings(findings, rows, projectOptions(io.cwd), disableComments(io.cwd));
  for (const finding of enabled) io.stderr(`${finding.kind === 'live-keys-without-ttl' && args.failOnNoTtl ? 'error' : 'warning'}: ${finding.message}\n`);
  if (!live.complete) return EXIT_USAGE;
  return args.failOnNoTtl && enabled.some((f) => f.kind === 'live-keys-without-ttl') ? EXIT_FAIL_ON : EXIT_OK;
}

/** A site file's options: the nearest project config's (as `lint` reads it), else the defaults. */
function projectOptions(cwd: string): (file: string) => Promise<ResolvedOptions> {
  const finder = new ProjectConfigFinder();
  const defaults = resolveOptions({});
  return async (file) => {
    try {
      const project = await finder.find(path.dirname(path.resolve(cwd, file)));
      return project ? resolveOptions(project.options) : defaults;
    } catch {
      return defaults; // a broken config is `lint`'s to report
    }
  };
}

/** Whether a `redis-specialist-disable…` comment in a site's file (read once) silences the rule there. */
function disableComments(cwd: string): (site: PatternSite, kind: DataFindingKind) => Promise<boolean> {
  const files = new Map<string, Promise<SuppressionComments>>();
  return async (site, kind) => {
    let comments = files.get(site.file);
    if (!comments) files.set(site.file, (comments = readFile(path.resolve(cwd, site.file), 'utf8').then(suppressionComments, () => suppressionComments(''))));
    return (await comments).silences(site.line, kind);
  };
}

async function readLive(target: RedisTarget, templates: string[], args: PatternsArgs, io: PatternsCliIo): Promise<LivePatternReport | number> {
  let connection;
  try {
    connection = await openRedisTarget(target, { clientName: 'redis-specialist-patterns', replica: args.replica });
  } catch (err) {
    if (!(err instanceof TargetConnectError)) throw err;
    io.stderr(`${err.message}\n`);
    return EXIT_USAGE;
  }
  if (connection.readFrom) io.stderr(`${connection.readFrom}\n`);
  let last = 0;
  try {
    const report = await collectLivePatternStats(connection.client, {
      templates,
      sampleSize: args.sample,
      budget: budgetFor(args.ceilings),
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        const what = p.phase === 'scan' ? `Scanned ${p.keysScanned.toLocaleString('en-US')} keys` : `Measured ${p.samplesMeasured.toLocaleString('en-US')} of ${p.samplesTotal.toLocaleString('en-US')} sampled keys`;
        io.stderr(`${what}${p.budget ? `; ${p.budget}` : ''}\n`);
      },
    });
    const failed = report.nodes.filter((n) => n.state !== 'done');
    if (failed.length > 0) io.stderr(`The scan did not complete: ${failed.map((n) => `${n.node} ${n.state}${n.error ? ` (${n.error})` : ''}`).join('; ')}. The partial report follows.\n`);
    else io.stderr(`Classified ${report.totalKeys.toLocaleString('en-US')} keys into ${report.patterns.filter((p) => p.keys > 0).length} pattern(s).\n`);
    return report;
  } catch (err) {
    io.stderr(`Reading ${connection.label} failed: ${userFacingMessage(err, { secrets: connection.secrets })}\n`);
    return EXIT_USAGE;
  } finally {
    connection.client.disconnect();
  }
}
