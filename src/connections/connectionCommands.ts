import * as vscode from 'vscode';
import { Commands } from '../commands';
import { parseConnectionUrl, redactUrl, defaultConnectionName, type ConnectionConfig, type ConnectionSecrets } from '../core/redis/connection/connectionConfig';
import type { ProbeResult } from '../core/redis/connection/connectionProbe';
import { resolveSshRoute } from '../core/ssh/sshRoute';
import { formatCount } from '../core/redis/bytes/formatCount';
import { registerCommand } from '../registration';
import type { Connections } from './connections';
import type { FeatureContext } from '../feature';
import type { ExplorerNode } from '../explorer/explorerNode';
import { FIELD_LABELS, fieldOfProblem, runConnectionWizard, type ConnectionDraft, type WizardField, type WizardResult } from './connectionWizard';
import { MultiStepInput } from './multiStepInput';
import { connectionIdOf } from '../explorer/nodeArguments';
import { pickConnection } from './pickConnection';

/** Programmatic form of Add Connection (tests, other extensions): skips the UI and the pre-save test. */
export interface AddConnectionArgs {
  url: string;
  name?: string;
}

type NodeOrId = ExplorerNode | string | undefined;

/** Connection commands: add (URL or multi-step), edit, duplicate, test, remove, connect, disconnect, refresh. */
export function registerConnectionCommands(context: FeatureContext): void {
  const { connections, log } = context;
  const { tree } = context.view;

  registerCommand(context, log, Commands.addConnection, async (args?: AddConnectionArgs) => {
    if (args?.url) {
      const parsed = parseConnectionUrl(args.url);
      const saved = await connections.add({ ...parsed.config, name: args.name || defaultConnectionName(parsed.config) }, parsed.secrets);
      log.info(`Added connection "${saved.name}" (${redactUrl(args.url)})`);
      return saved.id;
    }
    const result = await askAndTest(connections);
    if (!result) return undefined;
    const saved = await connections.add(result.config, result.secrets);
    log.info(`Added connection "${saved.name}"`);
    return saved.id;
  });

  registerCommand(context, log, Commands.editConnection, async (node?: NodeOrId) => {
    const existing = await connectionFor(connections, node, 'Redis connection');
    if (!existing) return;
    const result = await askAndTest(connections, existing);
    if (!result) return;
    // Only the secrets typed anew replace the saved ones; an empty password field keeps the old one.
    const secrets = { ...(await connections.getSecrets(existing.id)), ...result.secrets };
    await connections.update(existing.id, result.config, secrets);
    tree.refresh();
  });

  registerCommand(context, log, Commands.duplicateConnection, async (node?: NodeOrId) => {
    const existing = await connectionFor(connections, node, 'Redis connection');
    if (!existing) return undefined;
    const { id: _id, ...copy } = existing;
    const saved = await connections.add({ ...copy, name: `${existing.name} (copy)` }, await connections.getSecrets(existing.id));
    return saved.id;
  });

  registerCommand(context, log, Commands.testConnection, async (node?: NodeOrId) => {
    const existing = await connectionFor(connections, node, 'Redis connection');
    if (!existing) return undefined;
    const result = await probeWithProgress(connections, existing, await connections.getSecrets(existing.id));
    if (result.ok) void vscode.window.showInformationMessage(`Connected to "${existing.name}": ${describeServer(result)}.`);
    else void vscode.window.showErrorMessage(`"${existing.name}": ${result.message}`);
    return result;
  });

  registerCommand(context, log, Commands.removeConnection, async (node?: NodeOrId) => {
    const connection = await connectionFor(connections, node, 'Redis connection');
    if (!connection) return;
    // A bare id comes from code (tests, other commands) that already decided; the UI always asks.
    if (typeof node !== 'string') {
      // The first button of a modal is focused: the safe answer goes first.
      const answer = await vscode.window.showWarningMessage(`Remove the connection "${connection.name}"? Its saved password is deleted too.`, { modal: true }, 'Keep Connection', 'Remove');
      if (answer !== 'Remove') return;
    }
    await connections.remove(connection.id);
  });

  registerCommand(context, log, Commands.connect, async (node?: NodeOrId) => {
    const connection = await connectionFor(connections, node, 'Redis connection');
    if (!connection) return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Connecting to ${connection.name}…` }, () => connections.connect(connection.id));
  });

  registerCommand(context, log, Commands.disconnect, async (node?: NodeOrId) => {
    const connection = await connectionFor(connections, node, 'Redis connection');
    if (connection) await connections.disconnect(connection.id);
  });

  registerCommand(context, log, Commands.refreshConnections, (node?: ExplorerNode) => tree.refresh(node));
  registerCommand(context, log, Commands.showLog, () => log.show());
}

/**
 * Runs the wizard, then tests the connection; after a failure the user may edit (the wizard resumes
 * at the failing field with every answer kept), save anyway or cancel. Returns the typed secrets only.
 */
async function askAndTest(connections: Connections, existing?: ConnectionConfig): Promise<WizardResult | undefined> {
  const saved = existing ? await connections.getSecrets(existing.id) : {};
  let draft: ConnectionDraft | undefined = existing && withoutId(existing);
  let typed: ConnectionSecrets = {};
  let startAt: WizardField | undefined;
  for (;;) {
    const known = { ...saved, ...typed };
    const sshEnvironment = connections.ssh?.environment();
    const result = await runConnectionWizard({ editingName: existing?.name, draft, hasSecrets: Object.keys(known).length > 0, startAt, ...(sshEnvironment ? { sshEnvironment } : {}) });
    if (!result) return undefined;
    typed = { ...typed, ...result.secrets };
    const probe = await probeWithProgress(connections, { ...result.config, id: existing?.id ?? 'unsaved' }, { ...saved, ...typed });
    if (probe.ok) {
      void vscode.window.showInformationMessage(`Connected to "${result.config.name}": ${describeServer(probe)}.`);
      return { config: result.config, secrets: typed };
    }
    const field = fieldOfProblem(probe.problem, result.config.kind);
    const [choice] =
      (await MultiStepInput.ask({
        title: `Testing "${result.config.name}" failed`,
        placeholder: probe.message,
        items: [
          { label: `$(edit) Edit ${FIELD_LABELS[field]}`, detail: probe.message, value: 'edit' as const },
          { label: '$(save) Save Anyway', description: 'keep these settings and connect later', value: 'save' as const },
          { label: 'Cancel', description: 'nothing is saved', value: 'cancel' as const },
        ],
      })) ?? [];
    if (choice === 'save') return { config: result.config, secrets: typed };
    if (choice !== 'edit') return undefined;
    draft = result.config;
    startAt = field;
  }
}

function withoutId(config: ConnectionConfig): ConnectionDraft {
  const { id: _id, ...draft } = config;
  return draft;
}

function probeWithProgress(connections: Connections, config: ConnectionConfig, secrets: ConnectionSecrets): Thenable<ProbeResult> {
  const route = sshRouteSummary(connections, config, secrets);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing connection "${config.name}"${route ? ` through SSH ${route}` : ''}…` }, () => connections.probe(config, secrets));
}

/** What the SSH settings resolve to (`ops@bastion:22 → deploy@10.0.0.9:22 (key …)`), shown before testing; a route that cannot be resolved fails the test with its reason. */
function sshRouteSummary(connections: Connections, config: ConnectionConfig, secrets: ConnectionSecrets): string | undefined {
  if (!config.ssh || !connections.ssh) return undefined;
  try {
    return resolveSshRoute(config.ssh, secrets, connections.ssh.environment()).summary;
  } catch {
    return undefined;
  }
}

function describeServer(result: Extract<ProbeResult, { ok: true }>): string {
  const keys = result.dbs.reduce((n, d) => n + d.keys, 0);
  const warnings = result.warnings.length ? ` — ${result.warnings.join(' ')}` : '';
  return `${result.server === 'valkey' ? 'Valkey' : 'Redis'} ${result.serverVersion}, ${result.mode}, ${result.role}, ${formatCount(keys)} ${keys === 1 ? 'key' : 'keys'}${warnings}`;
}

/** The connection a command acts on: the tree node, an id passed by another command, or a pick. */
async function connectionFor(connections: Connections, node: NodeOrId, title: string): Promise<ConnectionConfig | undefined> {
  const id = connectionIdOf(node);
  return id ? connections.get(id) : pickConnection(connections.list(), title);
}
