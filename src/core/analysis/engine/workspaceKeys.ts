/**
 * Publishes what a file does to keys (which it shrinks, which growing collections it was warned
 * about) to the project index, and answers for a file whether another one consumes a collection.
 */
import { type ProjectIndex, moduleKeyOf } from '../clients/projectIndex';
import { type Collection, collectionOf, shrinksOf, templateGlob } from '../clients/keyUse';
import type { EntryFacts } from '../extract/facts';
import type { Finding } from '../types';

export function publishKeyUse(project: ProjectIndex, fileName: string, parts: readonly EntryFacts[], findings: readonly Finding[]): void {
  const calls = parts.flatMap((p) => p.calls);
  const growing = new Map<number, { glob: string; collection: Collection }>();
  for (const finding of findings) {
    if (finding.ruleId !== 'unbounded-growth') continue;
    const call = calls.find((c) => c.report.start.offset === finding.range.startOffset);
    const template = call?.keys?.[0]?.template;
    const collection = call ? collectionOf(call.command) : undefined;
    if (template && collection) growing.set(finding.range.startOffset, { glob: templateGlob(template), collection });
  }
  const { shrunk, unread } = shrinksOf(calls);
  project.keyUse.update(moduleKeyOf(fileName), { shrunk, growing, ...(unread.length ? { unread } : {}) });
}

export function shrunkElsewhereFor(project: ProjectIndex, fileName: string): (glob: string, collection?: Collection) => boolean {
  const key = moduleKeyOf(fileName);
  return (glob, collection) => project.keyUse.shrunkElsewhere(key, glob, collection);
}

/**
 * After every file of a run was analysed (the CLI): drops unbounded-growth findings on collections
 * that a file analysed later turned out to shrink. Files are analysed in import order, and a queue's
 * consumer rarely imports its producer.
 */
export function withoutShrunkElsewhere(project: ProjectIndex, fileName: string, findings: readonly Finding[]): Finding[] {
  const key = moduleKeyOf(fileName);
  return findings.filter((f) => {
    if (f.ruleId !== 'unbounded-growth') return true;
    const growing = project.keyUse.growingAt(key, f.range.startOffset);
    return !growing || !project.keyUse.shrunkElsewhere(key, growing.glob, growing.collection);
  });
}
