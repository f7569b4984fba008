/**
 * Error listeners attached in one module to a client another module exports (`import { client } from
 * './redis'; client.on('error', …)`), so that the module creating the client is not told it has none.
 * Each module publishes the exports it listens on, and which of its own missing-error-listener findings
 * name a module-level client (by offset), for the run's last pass (see engine/workspaceListeners.ts).
 */

/** An export of a module: its module key and export name (`default`, `module` included). */
export interface ExportRef {
  key: string;
  name: string;
}

export interface ModuleListeners {
  /** Exports of other modules this one attaches an `error` listener to. */
  listens: readonly ExportRef[];
  /** This module's missing-error-listener findings on module-level clients: offset → the names the client is exported under. */
  unlistened: ReadonlyMap<number, readonly string[]>;
  /** The names this module exports each local under (`client` → `['client', 'default']`). */
  exportedAs: ReadonlyMap<string, readonly string[]>;
}

export class ListenerIndex {
  private readonly modules = new Map<string, ModuleListeners>();

  update(moduleKey: string, use: ModuleListeners): void {
    this.modules.set(moduleKey, use);
  }

  /** What `moduleKey` published (plain data: a lint worker sends it to the run's last pass). */
  entryOf(moduleKey: string): ModuleListeners | undefined {
    return this.modules.get(moduleKey);
  }

  forget(moduleKey: string): void {
    this.modules.delete(moduleKey);
  }

  /** Does a module other than `moduleKey` listen on the client `moduleKey` keeps in `binding` (see exportNames)? */
  listenedElsewhere(moduleKey: string, binding: string): boolean {
    return this.listenedUnder(moduleKey, exportNames(binding, this.modules.get(moduleKey)?.exportedAs));
  }

  /** Does a module other than `moduleKey` listen on one of its exports `names`? */
  listenedUnder(moduleKey: string, names: readonly string[]): boolean {
    if (names.length === 0) return false;
    for (const [key, use] of this.modules) {
      if (key !== moduleKey && use.listens.some((ref) => ref.key === moduleKey && names.includes(ref.name))) return true;
    }
    return false;
  }

  /** The export names of the client a missing-error-listener finding of `moduleKey` at `offset` is about. */
  unlistenedAt(moduleKey: string, offset: number): readonly string[] | undefined {
    return this.modules.get(moduleKey)?.unlistened.get(offset);
  }
}

const LOCAL = /^[A-Za-z_$][\w$]*$/;
const EXPORTS_MEMBER = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/;

/** The names a module-level client is exported under: a local's export names, `module.exports` itself, `exports.x`. */
export function exportNames(binding: string, exportedAs: ReadonlyMap<string, readonly string[]> | undefined): readonly string[] {
  if (binding === 'module.exports') return ['module', 'default'];
  const member = EXPORTS_MEMBER.exec(binding);
  if (member) return [member[1]];
  return LOCAL.test(binding) ? (exportedAs?.get(binding) ?? []) : [];
}
