import * as vscode from 'vscode';
import type { UnknownHostKey, UnknownHostKeyAnswer } from '../core/ssh/hostKeyPolicy';
import { knownHostsName } from '../core/ssh/knownHosts';

/**
 * Asks about an SSH host key nobody vouched for yet, with its SHA256 fingerprint as `ssh` prints
 * it. VS Code makes a modal's first item that is not the close affordance its primary button (Enter)
 * and moves an `isCloseAffordance` item to the Cancel position, so the safe "Don't Connect" goes
 * first as a plain item: trusting a key always takes a deliberate choice. VS Code adds Cancel.
 */
export async function askUnknownHostKey(key: UnknownHostKey): Promise<UnknownHostKeyAnswer> {
  const dontConnect: vscode.MessageItem = { title: "Don't Connect" };
  const once: vscode.MessageItem = { title: 'Trust Once' };
  const remember: vscode.MessageItem = { title: 'Trust and Remember' };
  const name = knownHostsName(key.host, key.port);
  const other = key.otherKeyTypes.length ? ` known_hosts holds a ${key.otherKeyTypes.join(', ')} key for this host, not this type.` : '';
  const answer = await vscode.window.showWarningMessage(
    `The authenticity of SSH host ${name} can't be established.`,
    { modal: true, detail: `${key.keyType} key fingerprint is ${key.fingerprint}.${other} Compare it with the server's (ssh-keygen -lf on its host key) before trusting it.` },
    dontConnect,
    once,
    remember,
  );
  if (answer === once) return 'once';
  if (answer === remember) return 'remember';
  return 'reject';
}
