/**
 * Publishes what a file does to keys (which it shrinks, which growing collections it was warned
 * about) to the project index, and answers for a file whether another one consumes a collection.
 */
import { type ProjectIndex, moduleKeyOf } from '../clients/projectIndex';
import { type Collection, collectionOf, shrinksOf, templateGlob } from '../clients/keyUse';
import type { EntryFacts } from '../extract/facts';
import { cleanedGlobs, cleanupNote, writtenGlobs } from '../rules/keyCleanup';
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
  // SETs without a TTL warned about: another file may delete or expire their keys (see settledKeyFindings).
  const unkept = new Map<number, string[]>();
  for (const finding of findings) {
    if (finding.ruleId !== 'set-without-ttl' || (finding.severity !== 'warning' && finding.severity !== 'error')) continue;
    const call = calls.find((c) => c.report.start.offset === finding.range.startOffset);
    const globs = call && writtenGlobs(call);
    if (globs) unkept.set(finding.range.startOffset, globs);
  }
  const { shrunk, unread } = shrinksOf(calls);
  const cleaned = [...new Set(cleanedGlobs(calls))];
  project.keyUse.update(moduleKeyOf(fileName), { fileName, shrunk, growing, cleaned, ...(unread.length ? { unread } : {}), ...(unkept.size ? { unkept } : {}) });
}

export function shrunkElsewhereFor(project: ProjectIndex, fileName: string): (glob: string, collection?: Collection) => boolean {
  const key = moduleKeyOf(fileName);
  return (glob, collection) => project.keyUse.shrunkElsewhere(key, glob, collection);
}

/**
 * Findings as what other files do to keys settles them: unbounded-growth findings on collections
 * another file shrinks are dropped, set-without-ttl warnings on keys another file deletes or expires
 * become info. The editor applies it to every analysis (with the files read so far), the CLI and
 * Analyze Workspace again after every file of the run: files are analysed in import order, and a
 * queue's consumer, or the job that cleans up, rarely imports the code that writes.
 */
export function settledKeyFindings(project: ProjectIndex, fileName: string, findings: readonly Finding[]): Finding[] {
  const key = moduleKeyOf(fileName);
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.ruleId === 'unbounded-growth') {
      const growing = project.keyUse.growingAt(key, f.range.startOffset);
      if (growing && project.keyUse.shrunkElsewhere(key, growing.glob, growing.collection)) continue;
    } else if (f.ruleId === 'set-without-ttl' && (f.severity === 'warning' || f.severity === 'error')) {
      const globs = project.keyUse.unkeptAt(key, f.range.startOffset);
      const cleaners = globs?.map((glob) => project.keyUse.cleanedElsewhere(key, glob));
      if (cleaners?.length && cleaners.every((c) => c !== undefined)) {
        out.push({ ...f, severity: 'info', message: f.message + cleanupNote(shortName(cleaners[0] ?? ''), 'deletes or expires') });
        continue;
      }
    }
    out.push(f);
  }
  return out;
}

/** `src/jobs/cleanup.ts` → `jobs/cleanup.ts`: enough of another file's path to find it. */
function shortName(fileName: string): string {
  return fileName.replace(/\\/g, '/').split('/').slice(-2).join('/');
}
