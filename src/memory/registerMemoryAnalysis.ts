import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { Connections } from '../connections/connections';
import { pickConnection } from '../connections/pickConnection';
import type { MemoryReport } from '../core/memory';
import type { CodePattern } from '../core/memory/memoryReportBuilder';
import type { WorkspacePatterns } from '../patterns/workspacePatterns';
import { analyzeLiveMemory, type LiveMemoryAnalysis, type LiveMemoryOptions, type LiveMemoryState } from '../core/memory/live/liveMemoryAnalysis';
import { resumeKey } from '../core/liveAnalysis/resumeStore';
import { keyHoldingNodes } from '../core/redis/cluster/clusterRouting';
import { formatCount } from '../core/redis/bytes/formatCount';
import type { DatabaseScope } from '../explorer/explorerNode';
import { connectionIdOf, databaseScopeOf } from '../explorer/nodeArguments';
import type { FeatureContext } from '../feature';
import { registerCommand } from '../registration';
import { MemoryReportPanel } from './memoryReportPanel';
import { liveReportDocument } from './liveReportDocument';

/** Answers given up front (API, tests): the command asks nothing. */
export interface AnalyzeMemoryOptions {
  /** Measure a random sample of about this many keys instead of every key. */
  sample?: number;
  /** A stopped run of the same analysis: resume it (true) or start over (false, the default). */
  resume?: boolean;
}

interface Target {
  scope: DatabaseScope;
  prefix: Buffer;
}

/**
 * "Analyze Memory…" on a connection, database or folder (the folder's prefix narrows the SCAN):
 * says how many keys DBSIZE counts and asks whether to read them all or a sample, then runs the
 * live analysis with a cancellable progress notification and opens the report (partial when
 * cancelled). Only reads, so it runs on read-only connections. Returns the report.
 */
export function registerMemoryAnalysis(context: FeatureContext): void {
  const { connections, settings, keyEditors, keyPatterns, log, extension, liveAnalyses } = context;
  const panels = new Set<MemoryReportPanel>();
  context.own({ dispose: () => [...panels].forEach((p) => p.dispose()) });
  registerCommand(context, log, Commands.analyzeMemory, async (arg?: unknown, options?: AnalyzeMemoryOptions): Promise<MemoryReport | undefined> => {
    const target = await targetOf(arg, connections);
    if (!target) return undefined;
    const scope: DatabaseScope = { connection: connections.require(target.scope.connection.id), db: target.scope.db };
    const what = describeTarget(scope, target.prefix);
    const abort = new AbortController();
    const release = liveAnalyses.begin(scope.connection, 'memory', abort);
    if (!release) return undefined;
    try {
      return await analyse(scope, target.prefix, what, abort, options);
    } finally {
      release();
    }
  });

  async function analyse(scope: DatabaseScope, prefix: Buffer, what: string, abort: AbortController, options: AnalyzeMemoryOptions | undefined): Promise<MemoryReport | undefined> {
    // Only reads: a Sentinel connection that opts in reads a replica.
    const { client, readFrom } = await connections.readClient(scope);
    const codePatterns = await workspaceCodePatterns(keyPatterns);
    const key = resumeKey(scope.connection.id, 'memory', scope.db, prefix.toString('hex'));
    const signature = (sample: number | undefined): string => JSON.stringify([sample ?? null, codePatterns.map((p) => p.template), settings.memoryExactBelowElements]);
    // A stopped run of this analysis was asked its sample size already: its signature says which.
    const askResume = options ? { ask: false as const, resume: options.resume === true } : { ask: true as const };
    let sample = options?.sample;
    let resume: LiveMemoryState | undefined | null;
    for (const candidate of options ? [sample] : [undefined, settings.memorySampleSize]) {
      resume = await liveAnalyses.resumable<LiveMemoryState>(key, signature(candidate), client, askResume);
      if (resume === null) return undefined;
      if (resume) sample = candidate;
      if (resume) break;
    }
    if (!options && !resume) {
      const keys = (await Promise.all(keyHoldingNodes(client).map((node) => node.dbsize()))).reduce((a, b) => a + b, 0);
      const choice = await confirm(what, keys, settings.memorySampleSize);
      if (!choice) return undefined;
      sample = choice === 'sample' ? settings.memorySampleSize : undefined;
    }
    const analysis = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Analyzing the memory of ${what}`, cancellable: true }, async (progress, token): Promise<LiveMemoryAnalysis> => {
      const cancelled = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      const options: LiveMemoryOptions = {
        db: scope.db,
        prefix,
        ...(resume ? { resume } : {}),
        ...(sample !== undefined ? { sample } : {}),
        exactMemoryBelow: settings.memoryExactBelowElements,
        codePatterns,
        budget: settings.loadBudgetFor(scope.connection),
        signal: abort.signal,
        onProgress: (p) => {
          const percent = p.keysExpected > 0 ? Math.min(100, (100 * p.keysScanned) / p.keysExpected) : 0;
          progress.report({ increment: percent - reported, message: `${formatCount(p.keysScanned)} of ${formatCount(p.keysExpected)} keys${p.budget ? ` (${p.budget})` : ''}${readFrom ? `; ${readFrom}` : ''}` });
          reported = percent;
        },
      };
      try {
        return await analyzeLiveMemory(client, options);
      } finally {
        cancelled.dispose();
      }
    });
    liveAnalyses.save(key, signature(sample), analysis.resume);
    analysis.report.notes.push(
      codePatterns.length > 0
        ? `Keys are grouped by the ${codePatterns.length} key pattern(s) the workspace's code builds (with their call sites); other keys by patterns inferred from their names.`
        : 'Key patterns are inferred from the key names: no code in this workspace names Redis keys.',
    );
    if (readFrom) analysis.report.notes.push(`${readFrom.charAt(0).toUpperCase()}${readFrom.slice(1)}${readFrom.endsWith('.') ? '' : '.'}`);
    log.info(`Analyzed the memory of ${what}: ${analysis.report.totalKeys} keys, ${analysis.report.totalMemoryBytes} bytes${analysis.complete ? '' : ' (partial)'}.`);
    if (!analysis.complete && !analysis.cancelled) void vscode.window.showWarningMessage(partialMessage(analysis));
    const document = liveReportDocument({ scope, prefix, analysis, keyEditors, workspaceRoot: workspaceRoot() ?? extension.globalStorageUri, siteUri: (name) => keyPatterns.uriOf(name) });
    const panel = MemoryReportPanel.create(document, extension.extensionUri, log, () => panels.delete(panel));
    panels.add(panel);
    return analysis.report;
  }
}

/** The workspace's code patterns (waits for the background index), with call sites named as editors count lines. */
async function workspaceCodePatterns(keyPatterns: WorkspacePatterns): Promise<CodePattern[]> {
  await keyPatterns.ensureIndexed();
  return keyPatterns.index.patterns().map((p) => ({ template: p.pattern, sites: p.sites.map((s) => ({ file: s.file, line: s.line + 1 })) }));
}

/** A database or folder item, a connection item (its configured database), or the palette's pick. */
async function targetOf(arg: unknown, connections: Connections): Promise<Target | undefined> {
  const from = databaseScopeOf(arg);
  if (from) return from;
  const id = connectionIdOf(arg);
  const connection = id ? connections.require(id) : await pickConnection(connections.list(), 'Analyze Memory…');
  return connection && { scope: { connection, db: connection.db }, prefix: Buffer.alloc(0) };
}

export function describeTarget(scope: DatabaseScope, prefix: Buffer): string {
  const folder = prefix.length > 0 ? `the keys under "${prefix.toString('utf8')}" in ` : '';
  return `${folder}db${scope.db} of "${scope.connection.name}"`;
}

/** Full scan or sample: the dialog says what each costs; Escape analyses nothing. */
async function confirm(what: string, keys: number, sampleSize: number): Promise<'all' | 'sample' | undefined> {
  const all = 'Analyze All Keys';
  const sample = `Analyze a Sample (${formatCount(sampleSize)} keys)`;
  const detail = `DBSIZE counts ${formatCount(keys)} keys. Analyzing reads every key (SCAN, then TYPE, PTTL and MEMORY USAGE in pipelines), paced by the load budget so that a busy server is left alone; a sample reads about ${formatCount(sampleSize)} of them and extrapolates. It only reads, and can be cancelled.`;
  const answer = await vscode.window.showInformationMessage(`Analyze the memory of ${what}?`, { modal: true, detail }, ...(keys > sampleSize ? [all, sample] : [all]));
  return answer === all ? 'all' : answer === sample ? 'sample' : undefined;
}

function partialMessage(analysis: LiveMemoryAnalysis): string {
  const failed = analysis.nodes.filter((n) => n.state === 'failed' || n.state === 'unreachable');
  return `The memory report is partial: ${failed.map((n) => `${n.node} ${n.state}${n.error ? ` (${n.error})` : ''}`).join('; ')}.`;
}

function workspaceRoot(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}
