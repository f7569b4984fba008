/**
 * What a module re-exports (`export * from './types'`, `export { redis } from './client'`), read from
 * its text alone. Published to the project index as soon as a file is read, before it is analysed:
 * files in an import cycle through a barrel (`index.ts` re-exports a module that imports the barrel)
 * are analysed before the barrel, and still resolve names through it.
 */
import type { ExportEntry, ModuleExports } from '../clients/projectIndex';

const STAR = /^[ \t]*export\s*\*\s*from\s*(['"])([^'"\n]+)\1/gm;
const LIST = /^[ \t]*export\s*(?:type\s*)?\{([^{}]*)\}\s*from\s*(['"])([^'"\n]+)\2/gm;
/** How a re-export starts, as formatters and compilers write it (`export{a}from"./x"` minified). */
const REEXPORT_STARTS = ['export *', 'export*', 'export {', 'export{', 'export type {', 'export type{'];
const SPEC = /^(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/;

/** False when `text` certainly re-exports nothing: most files; a few indexOf calls are far cheaper than the regexes. */
export function mayReexport(text: string): boolean {
  return REEXPORT_STARTS.some((start) => text.includes(start));
}

/** The re-exports of `text`, or null when it has none (nothing worth publishing early). */
export function reexportsOf(text: string): ModuleExports | null {
  if (!mayReexport(text)) return null;
  const stars = [...text.matchAll(STAR)].map((m) => m[2]);
  const names = new Map<string, ExportEntry>();
  for (const m of text.matchAll(LIST)) {
    for (const part of m[1].split(',')) {
      const spec = SPEC.exec(part.trim());
      if (spec) names.set(spec[2] ?? spec[1], { as: 'from', specifier: m[3], name: spec[1] });
    }
  }
  return stars.length > 0 || names.size > 0 ? { names, stars } : null;
}
