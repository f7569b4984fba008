import * as vscode from 'vscode';
import { Commands } from '../commands';
import { pickConnection } from '../connections/pickConnection';
import type { MemoryReport } from '../core/memory/reportTypes';
import { unreachableMessage } from '../core/memory/snapshot/dumpLocation';
import { describeSnapshotStatus, planSnapshot, saveSnapshot, SnapshotError, type SnapshotOutcome, type SnapshotPlan } from '../core/memory/snapshot/saveSnapshot';
import { isCluster } from '../core/redis/cluster/clusterRouting';
import type { DatabaseScope } from '../explorer/explorerNode';
import { connectionIdOf } from '../explorer/nodeArguments';
import type { FeatureContext } from '../feature';
import { registerCommand } from '../registration';

/** Answers given up front (API, tests): the command asks nothing. */
export interface SnapshotAnalysisOptions {
  /** The BGSAVE was agreed to: no confirmation dialog. */
  confirmed?: boolean;
}

const PICK_DUMP = 'Analyze Dump File…';

/**
 * "Save Snapshot and Analyze Dump…" on a connection, for a server whose dump file this machine
 * can read (it runs here, or its directory is mounted here): reads where the server writes it
 * (CONFIG GET dir/dbfilename), asks before BGSAVE (it forks and writes the whole dataset; refused
 * on read-only connections), waits for the save with a cancellable progress notification (cancel
 * stops the waiting, not the save), then opens the file in Analyze Dump File…'s report. A file
 * that is not here (a remote server, a container, an SSH tunnel) is named, with an offer to pick
 * a copy. Returns the report when one opened.
 */
export function registerSnapshotAnalysis(context: FeatureContext): void {
  const { connections, log } = context;
  registerCommand(context, log, Commands.saveSnapshotAndAnalyze, async (arg?: unknown, options?: SnapshotAnalysisOptions): Promise<MemoryReport | undefined> => {
    const id = connectionIdOf(arg);
    const connection = id ? connections.require(id) : await pickConnection(connections.list(), 'Save Snapshot and Analyze Dump…');
    if (!connection) return undefined;
    const scope: DatabaseScope = { connection, db: connection.db };
    const guard = connections.guard(scope);
    guard('BGSAVE'); // A read-only connection stops here, before anything is sent or asked.
    const client = await connections.client(scope);
    if (isCluster(client)) {
      throw new Error(`"${connection.name}" is a Cluster, whose masters each write their own dump file: use Analyze Memory… (every master), or Analyze Dump File… on each master's file.`);
    }
    let plan: SnapshotPlan;
    try {
      plan = await planSnapshot(client);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      offerDumpPicker(error.message);
      return undefined;
    }
    if (!options?.confirmed && !(await confirm(connection.name, plan))) return undefined;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Saving a snapshot of "${connection.name}"`, cancellable: true },
      async (progress, token): Promise<SnapshotOutcome> => {
        const abort = new AbortController();
        const cancelled = token.onCancellationRequested(() => abort.abort());
        try {
          return await saveSnapshot(client, plan, { guard, signal: abort.signal, onStatus: (status) => progress.report({ message: describeSnapshotStatus(status) }) });
        } finally {
          cancelled.dispose();
        }
      },
    );
    if (outcome.kind === 'cancelled') {
      void vscode.window.showInformationMessage(`Stopped waiting; the server's save goes on and will write ${plan.location.path}.`);
      return undefined;
    }
    log.info(`BGSAVE on "${connection.name}" wrote ${plan.location.path} (${outcome.file.kind} here).`);
    if (outcome.file.kind !== 'fresh') {
      offerDumpPicker(unreachableMessage(outcome.file, `"${connection.name}"`));
      return undefined;
    }
    return vscode.commands.executeCommand<MemoryReport | undefined>(Commands.analyzeDumpFile, vscode.Uri.file(outcome.file.path));
  });
}

/** BGSAVE is not free: the dialog says what it costs, with the memory in use. */
async function confirm(name: string, plan: SnapshotPlan): Promise<boolean> {
  const save = 'Save Snapshot';
  const detail =
    `BGSAVE forks the server and writes its whole dataset (used_memory ${plan.usedMemoryHuman}) to ${plan.location.path} on the server's disk. ` +
    'While it runs, the server can need up to as much memory again for the pages clients change (copy-on-write), and the disk is busy. ' +
    'The analysis then reads that file on this machine, with no further load on the server.';
  return (await vscode.window.showWarningMessage(`Save a snapshot of "${name}" (BGSAVE) and analyze it?`, { modal: true, detail }, save)) === save;
}

/** The problem in one sentence, with the way around it: pick a copy of the file. */
function offerDumpPicker(message: string): void {
  void vscode.window.showWarningMessage(message, PICK_DUMP).then((answer) => {
    if (answer === PICK_DUMP) void vscode.commands.executeCommand(Commands.analyzeDumpFile);
  });
}
