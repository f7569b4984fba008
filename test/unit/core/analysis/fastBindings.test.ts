import * as assert from 'node:assert/strict';
import { wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { declarationBindings } from '../../../../src/core/analysis/clients/declarationBindings';
import { fastDeclarationBindings } from '../../../../src/core/analysis/clients/fastBindings';
import { TreeSitterHost } from '../../../../src/core/analysis/parser/treeSitterHost';
import { fixtureFiles } from './analyzerHarness';

const VARIANTS = `
import Redis from 'ioredis';
import Redis2, { Cluster as C2, type RedisOptions } from "iovalkey";
import * as nodeRedis from 'redis';
import def, * as ns from '@redis/client';
import type { RedisClientType } from 'redis';
import { createClient, createCluster as cc, } from 'redis';
import { 'quoted-name' as quoted } from './local';
import './side-effect';
import {
  a,
  b as c,
} from '../multi-line';
import x /* comment */ from 'ioredis';
export class Service {}
export default class Main extends Base {}
export abstract class Abstract {}
export declare class Declared {}
export interface Shape { a: string }
export const enum Mode { A }
export enum Colour { Red }
export { a, b as bb } from './re';
export * from './all';
export type { T } from './types';
class Local {}
interface Local2 {}
export class Commented {
  /** a field */ a = 1; // a line comment
}
export /* before */ class HiddenByComment {}
export class /* between */ Between {}
`;

/** The text fast path must give exactly what walking the tree gives. */
describe('module bindings read from text', () => {
  let host: TreeSitterHost;
  before(async () => {
    host = new TreeSitterHost(wasmLocationFromNodeModules());
    await host.load('typescript');
  });
  after(() => host.dispose());

  it('agrees with the tree for imports, classes, interfaces, enums and re-exports', () => {
    let checked = 0;
    for (const text of [VARIANTS, ...fixtureFiles().filter((f) => f.name.endsWith('.ts')).map((f) => f.text)]) {
      const parsed = host.parse('typescript', text, null, 5000);
      assert.ok(parsed.ok);
      try {
        for (const node of parsed.tree.rootNode.namedChildren) {
          if (!node) continue;
          const fast = fastDeclarationBindings(node.type, node.text, true);
          if (fast === undefined) continue;
          assert.deepEqual(fast, declarationBindings(node, () => 'k'), node.text);
          checked++;
        }
      } finally {
        parsed.tree.delete();
      }
    }
    assert.ok(checked > 60, `only ${checked} statements took the fast path`);
  });

  it('declines statements it cannot read safely', () => {
    assert.equal(fastDeclarationBindings('import_statement', "import x /* c */ from 'ioredis';", true), undefined);
    assert.equal(fastDeclarationBindings('import_statement', "import x from 'ioredis'", false), undefined);
    assert.equal(fastDeclarationBindings('export_statement', 'export const a = new Redis();', true), undefined);
    assert.equal(fastDeclarationBindings('lexical_declaration', 'const a = 1;', true), undefined);
  });
});
