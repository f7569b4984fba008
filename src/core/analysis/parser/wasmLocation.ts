import * as path from 'node:path';
import type { Grammar } from '../types';

/** Where the tree-sitter runtime and grammar `.wasm` files live. */
export interface WasmLocation {
  runtime: string;
  grammars: Record<Grammar, string>;
}

const GRAMMAR_FILES: Record<Grammar, string> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
};

/** All four files in one directory, as the bundle lays them out in `dist/`. */
export function wasmLocationInDir(dir: string): WasmLocation {
  return {
    runtime: path.join(dir, 'tree-sitter.wasm'),
    grammars: {
      typescript: path.join(dir, GRAMMAR_FILES.typescript),
      tsx: path.join(dir, GRAMMAR_FILES.tsx),
      javascript: path.join(dir, GRAMMAR_FILES.javascript),
    },
  };
}

// Not `require.resolve('literal')`: bundlers would try to resolve (and alias) those at build time,
// and the bundles never use this fallback anyway.
const resolveModule = (specifier: string): string => require.resolve(specifier);

/** The files straight from node_modules (tests, benches, `tsx` runs of the CLI). */
export function wasmLocationFromNodeModules(): WasmLocation {
  const tsDir = path.dirname(resolveModule('tree-sitter-typescript/package.json'));
  const jsDir = path.dirname(resolveModule('tree-sitter-javascript/package.json'));
  return {
    // web-tree-sitter exports neither package.json nor the .wasm path: go via its main file.
    runtime: path.join(path.dirname(resolveModule('web-tree-sitter')), 'tree-sitter.wasm'),
    grammars: {
      typescript: path.join(tsDir, GRAMMAR_FILES.typescript),
      tsx: path.join(tsDir, GRAMMAR_FILES.tsx),
      javascript: path.join(jsDir, GRAMMAR_FILES.javascript),
    },
  };
}

const EXTENSION_GRAMMARS: Record<string, Grammar> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  // JavaScript (with JSX) has its own grammar; tsx would misread `a < b > (c)` as a generic call.
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
};

/** The grammar for a file name, or undefined for files the analyzer does not read (incl. `.d.ts`). */
export function grammarForFile(fileName: string): Grammar | undefined {
  if (/\.d\.[mc]?ts$/i.test(fileName)) return undefined;
  const ext = path.extname(fileName).toLowerCase();
  return EXTENSION_GRAMMARS[ext];
}

export const ANALYZED_EXTENSIONS = Object.keys(EXTENSION_GRAMMARS);
