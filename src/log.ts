import * as vscode from 'vscode';

/** The extension's LogOutputChannel ("Redis Specialist" in the Output panel; level set by the user). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Redis Specialist', { log: true });
}

/** A message from anything thrown, for logs and notifications. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
