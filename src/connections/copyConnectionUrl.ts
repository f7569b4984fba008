import * as vscode from 'vscode';
import { connectionUrl, ConnectionUrlUnavailableError } from '../core/connections/connectionUrl';
import { connectionIdOf } from '../explorer/nodeArguments';
import type { ConnectionTransferDeps } from './connectionTransferDeps';
import { MultiStepInput } from './multiStepInput';
import { pickConnection } from './pickConnection';

/**
 * Copy Connection URL: `redis[s]://user@host:port/db` on the clipboard. The password is only
 * included when the user picks "With Password" (the first, default answer leaves it out).
 */
export async function copyConnectionUrl({ connections }: ConnectionTransferDeps, node?: unknown): Promise<string | undefined> {
  const id = connectionIdOf(node);
  const config = id ? connections.get(id) : await pickConnection(connections.list(), 'Copy Connection URL');
  if (!config) return undefined;
  const { password } = await connections.getSecrets(config.id);
  let withPassword = false;
  if (password) {
    const [answer] =
      (await MultiStepInput.ask({
        title: `Copy the URL of "${config.name}"`,
        placeholder: 'Include the password?',
        items: [
          { label: 'Without Password', description: 'safe to paste in chats and tickets', value: false },
          { label: 'With Password', description: 'anyone who sees the URL can log in', value: true },
        ],
      })) ?? [];
    if (answer === undefined) return undefined;
    withPassword = answer;
  }
  let url: string;
  try {
    url = connectionUrl(config, withPassword ? password : undefined);
  } catch (error) {
    if (!(error instanceof ConnectionUrlUnavailableError)) throw error;
    void vscode.window.showErrorMessage(`Redis: ${error.message}`);
    return undefined;
  }
  await vscode.env.clipboard.writeText(url);
  const ssh = config.ssh ? ' It does not include the SSH tunnel.' : '';
  void vscode.window.showInformationMessage(`Copied the URL of "${config.name}"${withPassword ? ', with its password' : ''}.${ssh}`);
  return url;
}
