import * as vscode from 'vscode';
import { KeyNameSyntaxError, parseKeyName } from '../core/redis/keyspace/keyName';

/**
 * A modal question; true when the user chose `action`. VS Code's modal focuses its first button,
 * so a non-destructive choice (`safe`, e.g. "Keep the Key") comes first: Enter never destroys.
 */
export async function confirmModal(message: string, detail: string, action: string, safe: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, safe, action)) === action;
}

/**
 * Asks for a key name. Names are typed as the tree shows them (redis-cli escapes such as \xff or
 * \n for bytes, \\ for a backslash), so any binary name can be written and a shown name pasted back.
 */
export async function askKeyName(options: { title: string; value: string; prompt?: string; selectFrom?: number }): Promise<Buffer | undefined> {
  const text = await vscode.window.showInputBox({
    title: options.title,
    value: options.value,
    valueSelection: options.selectFrom === undefined ? undefined : [options.selectFrom, options.value.length],
    prompt: options.prompt ?? 'Key name. Write bytes as redis-cli does: \\xff, \\n, and \\\\ for a backslash.',
    ignoreFocusOut: true,
    validateInput: validateKeyName,
  });
  return text === undefined ? undefined : parseKeyName(text);
}

export function validateKeyName(text: string): string | undefined {
  if (text.length === 0) return 'A key needs a name.';
  try {
    parseKeyName(text);
    return undefined;
  } catch (error) {
    return error instanceof KeyNameSyntaxError ? error.message : String(error);
  }
}
