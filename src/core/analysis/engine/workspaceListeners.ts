/**
 * missing-error-listener across files: a module that creates a client and exports it without a
 * listener, and another that imports it and attaches one (`client.on('error', …)` in the app's entry).
 * Each analysis publishes the imported exports a file listens on and its own unlistened module-level
 * clients; a run's last pass (the CLI, Analyze Workspace) drops findings whose client is listened to
 * elsewhere, and the editor skips them once the listening file was analysed.
 */
import type { ModuleScope } from '../clients/moduleScope';
import { type ProjectIndex, moduleKeyOf } from '../clients/projectIndex';
import { type ExportRef, exportNames } from '../clients/listenerIndex';
import { requiredBy } from '../clients/descriptors';
import type { EntryFacts } from '../extract/facts';
import type { Finding } from '../types';

const RECEIVER = /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?$/;

export function publishListeners(
  project: ProjectIndex,
  fileName: string,
  parts: readonly EntryFacts[],
  findings: readonly Finding[],
  scope: ModuleScope,
  exportedAs: ReadonlyMap<string, readonly string[]>,
): void {
  const listens: ExportRef[] = [];
  for (const part of parts) {
    for (const listener of part.listeners) {
      const ref = listener.handedOn || listener.scopeKey ? undefined : importedExport(listener.receiverText, scope, project, fileName);
      if (ref) listens.push(ref);
    }
  }
  const unlistened = new Map<number, readonly string[]>();
  const creations = parts.flatMap((p) => p.creations);
  for (const finding of findings) {
    if (finding.ruleId !== 'missing-error-listener') continue;
    const creation = creations.find((c) => c.span.start.offset === finding.range.startOffset);
    const names = creation && !creation.enclosingFunction && creation.bindingText ? exportNames(creation.bindingText, exportedAs) : [];
    if (names.length) unlistened.set(finding.range.startOffset, names);
  }
  project.listeners.update(moduleKeyOf(fileName), { listens, unlistened, exportedAs });
}

/** `client` of `import { client } from './redis'`, `db.client` of `import * as db`, `const { client } = require('./redis')`. */
function importedExport(receiver: string, scope: ModuleScope, project: ProjectIndex, fileName: string): ExportRef | undefined {
  const m = RECEIVER.exec(receiver);
  const binding = m ? scope.env.binding?.(m[1])?.binding : undefined;
  if (!m || !binding) return undefined;
  const member = m[2];
  if (binding.b === 'import') {
    if (!binding.specifier || binding.family) return undefined;
    const name = member ? (binding.exportName === 'module' ? member : undefined) : binding.exportName;
    return name ? project.originOf(fileName, binding.specifier, name) : undefined;
  }
  const required = binding.b === 'value' ? requiredBy(binding.value) : undefined;
  if (!required || (required.member && member)) return undefined;
  return project.originOf(fileName, required.specifier, required.member ?? member ?? 'module');
}

/** For the editor: does a file analysed so far listen on this file's module-level client `local`? */
export function listenedElsewhereFor(project: ProjectIndex, fileName: string): (binding: string) => boolean {
  const key = moduleKeyOf(fileName);
  return (binding) => project.listeners.listenedElsewhere(key, binding);
}

/** After every file of a run was analysed: drops missing-error-listener findings on clients another file listens on. */
export function withoutListenedElsewhere(project: ProjectIndex, fileName: string, findings: readonly Finding[]): Finding[] {
  const key = moduleKeyOf(fileName);
  return findings.filter((f) => {
    if (f.ruleId !== 'missing-error-listener') return true;
    const names = project.listeners.unlistenedAt(key, f.range.startOffset);
    return !names || !project.listeners.listenedUnder(key, names);
  });
}
