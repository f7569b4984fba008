import * as vscode from 'vscode';
import type { RedisSpecialistApi } from '../../src/context';

export const EXTENSION_ID = 'redis-specialist.redis-specialist';

/** Activates the extension under test through VS Code (the real activate() path) and returns its API. */
export async function activateExtension(): Promise<RedisSpecialistApi> {
  const extension = vscode.extensions.getExtension<RedisSpecialistApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** Polls until `check` returns a value (tree contents and settings update asynchronously). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}
