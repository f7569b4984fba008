/**
 * Client packages loaded inside a function: CoffeeScript's and UMD's wrapper (`(function () { var redis =
 * require('redis'); … }).call(this)`), a lazy `require`, `await import('redis')`. The name they are bound to is
 * the package wherever the module does not bind it itself (moduleBindings.ts), so the file is one that uses Redis.
 */
import type { Binding } from '../clients/descriptors';
import { clientFamilyOf, familyOfExport } from '../clients/packages';
import { assignedName, lastNonSpaceBefore } from './lateCreations';

/** `require('redis')`, `import('redis')` (sticky, at the word). */
const LOAD = /(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/y;
const LOAD_WORD = /require|import\(/g;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The names a client package is bound to by `name = require(…)` / `const { a, b: c } = await import(…)` anywhere in `text`. */
export function nestedClientLoads(text: string): Array<[string, Binding]> {
  const out: Array<[string, Binding]> = [];
  // Found from each `require` / `import(` (one literal-led pass), the name then read backwards: a pattern led by the
  // name or the `=` would be tried at every identifier of the file.
  LOAD_WORD.lastIndex = 0;
  for (let w = LOAD_WORD.exec(text); w; w = LOAD_WORD.exec(text)) {
    const at = w.index;
    LOAD.lastIndex = at;
    const m = LOAD.exec(text);
    const family = m ? clientFamilyOf(m[2]) : undefined;
    if (!m || !family) continue;
    let eq = lastNonSpaceBefore(text, at);
    // `= await import(…)`
    if (text.slice(eq - 4, eq + 1) === 'await') eq = lastNonSpaceBefore(text, eq - 4);
    if (text[eq] !== '=' || '=!<>'.includes(text[eq - 1] ?? '')) continue;
    const end = lastNonSpaceBefore(text, eq);
    if (text[end] === '}') {
      // `const { createClient, Redis: R } = …`: each property is that export.
      const open = text.lastIndexOf('{', end);
      for (const part of text.slice(open + 1, end).split(',')) {
        const [exported, local = exported] = part.split(':').map((s) => s.trim());
        if (IDENTIFIER.test(exported) && IDENTIFIER.test(local)) out.push([local, { b: 'import', family: familyOfExport(family, exported), exportName: exported }]);
      }
      continue;
    }
    const name = assignedName(text, eq);
    if (name) out.push([name, { b: 'value', value: { v: 'require', specifier: m[2] } }]);
  }
  return out;
}
