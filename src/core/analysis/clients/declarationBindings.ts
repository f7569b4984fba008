/**
 * What the declarations of one statement bind (module level, or a block's), as node-free Bindings:
 * imports, variables (destructuring included), functions (what they return, the key commands they
 * wrap), classes, types. descriptors.ts describes the expressions they are bound to.
 */
import type { Node } from 'web-tree-sitter';
import { unwrap, literalString } from '../syntax';
import { parameterNames } from '../extract/templateParts';
import { type Binding, type NodeKey, type ValueDesc, UNKNOWN_VALUE as UNKNOWN, describeExpression, factoryListens, keyWrapperCalls, relative, returnedValue, telling, templateOnly, withParams } from './descriptors';
import { lateAssignedCreation } from './lateAssigned';
import { clientFamilyOf, familyOfExport } from './packages';
import { patternNames } from './patternNames';
import { describeType } from './typeDescriptions';

/** Names a declaration statement introduces in its scope, with what each is bound to. */
export function declarationBindings(stmt: Node, keyOf: NodeKey): Array<[string, Binding]> {
  switch (stmt.type) {
    case 'lexical_declaration':
    case 'variable_declaration': {
      const out: Array<[string, Binding]> = [];
      for (const declarator of stmt.namedChildren) {
        if (declarator?.type === 'variable_declarator') out.push(...declaratorBindings(declarator, keyOf));
      }
      return out;
    }
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'function_signature': {
      const name = stmt.childForFieldName('name');
      const ret = telling(stmt.childForFieldName('return_type'));
      // With a return type written, the type says what is returned; a creation is kept too (a factory: see createsFresh).
      const returnsValue = ret ? templateOrCreation(returnedValue(stmt, keyOf)) : returnedValue(stmt, keyOf);
      const calls = keyWrapperCalls(stmt, keyOf, 0);
      const keyed = calls ? { params: parameterNames(stmt), calls } : returnsValue ? withParams(stmt, returnsValue) : {};
      return name ? [[name.text, { b: 'function', returns: ret ? describeType(ret) : null, ...(returnsValue ? { returnsValue } : {}), ...keyed, ...factoryListens(stmt, returnsValue) }]] : [];
    }
    case 'type_alias_declaration': {
      // `type Client = ReturnType<typeof createClient>` names a client type.
      const name = stmt.childForFieldName('name');
      const value = stmt.childForFieldName('value');
      return name ? [[name.text, value ? { b: 'typed', type: describeType(value) } : { b: 'class' }]] : [];
    }
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'interface_declaration':
    case 'enum_declaration': {
      const name = stmt.childForFieldName('name');
      return name ? [[name.text, { b: 'class' }]] : [];
    }
    case 'import_statement':
      return importBindings(stmt);
    case 'export_statement': {
      const declaration = stmt.childForFieldName('declaration');
      return declaration ? declarationBindings(declaration, keyOf) : [];
    }
    case 'ambient_declaration': {
      const inner = stmt.firstNamedChild;
      // `declare class X`: a declaration of a class that lives elsewhere.
      return inner ? declarationBindings(inner, keyOf).map(([name, b]): [string, Binding] => [name, b.b === 'class' ? { b: 'class', ambient: true } : b]) : [];
    }
    default:
      return [];
  }
}

/** A key template, or a `new`/call expression not kept anywhere (what a factory with a written return type makes). */
function templateOrCreation(desc: ValueDesc | undefined): ValueDesc | undefined {
  return (desc?.v === 'new' || desc?.v === 'call') && !desc.kept ? desc : templateOnly(desc);
}

/**
 * Like declarationBindings, but variable initialisers are only described when a name is looked
 * up: blocks are scanned for every lookup that passes through them, most names are never asked for.
 */
export function lazyDeclarationBindings(stmt: Node, keyOf: NodeKey): Array<[string, () => Binding]> {
  if (stmt.type !== 'lexical_declaration' && stmt.type !== 'variable_declaration') {
    return declarationBindings(stmt, keyOf).map(([name, binding]) => [name, () => binding]);
  }
  const out: Array<[string, () => Binding]> = [];
  for (const declarator of stmt.namedChildren) {
    if (declarator?.type !== 'variable_declarator') continue;
    const nameNode = declarator.childForFieldName('name');
    if (!nameNode) continue;
    const names = nameNode.type === 'identifier' ? [nameNode.text] : patternNames(nameNode).map(([n]) => n);
    for (const name of names) {
      out.push([name, () => declaratorBindings(declarator, keyOf).find(([n]) => n === name)?.[1] ?? { b: 'unknown' }]);
    }
  }
  return out;
}

export function declaratorBindings(declarator: Node, keyOf: NodeKey): Array<[string, Binding]> {
  const nameNode = declarator.childForFieldName('name');
  if (!nameNode) return [];
  const typeNode = declarator.childForFieldName('type');
  const valueNode = declarator.childForFieldName('value');
  if (nameNode.type === 'identifier') {
    // `let client: any = null`: a type that says nothing leaves the value (or a later assignment) to tell.
    if (telling(typeNode)) return [[nameNode.text, { b: 'typed', type: describeType(typeNode as Node) }]];
    // `let Service = class Service { … }`: how TypeScript compiles a decorated class (classShapes.ts reads its body).
    if (valueNode && unwrap(valueNode).type === 'class') return [[nameNode.text, { b: 'class' }]];
    const mutable = declarator.parent?.type === 'variable_declaration' || declarator.parent?.firstChild?.type === 'let';
    // `let client = null;` … `client = createClient(…)` later: as good as declared without a value.
    if (!valueNode || (mutable && /^(?:null|undefined)$/.test(valueNode.text))) {
      const late = lateAssignedCreation(declarator, nameNode.text);
      return [[nameNode.text, late ? { b: 'value', value: describeExpression(late.node, keyOf), ...(late.orCluster ? { orCluster: true as const } : {}) } : { b: 'unknown' }]];
    }
    return [[nameNode.text, { b: 'value', value: describeExpression(valueNode, keyOf), ...(mutable ? { mutable: true as const } : {}) }]];
  }
  // Destructuring: `const { createClient } = require('redis')` imports; `const { client } = this` (an
  // object pattern's direct properties) reads members; anything else shadows.
  const source = valueNode ? describeExpression(unwrap(valueNode), keyOf) : UNKNOWN;
  const family = source.v === 'require' ? clientFamilyOf(source.specifier) ?? null : undefined;
  const rel = source.v === 'require' ? relative(source.specifier) : {};
  const members = nameNode.type === 'object_pattern' && source.v !== 'unknown' && source.v !== 'literal';
  const out: Array<[string, Binding]> = [];
  for (const [local, exported] of patternNames(nameNode)) {
    if (family !== undefined && exported) out.push([local, { b: 'import', family: familyOfExport(family, exported), exportName: exported, ...rel }]);
    else out.push([local, members && exported ? { b: 'value', value: { v: 'member', object: source, name: exported } } : { b: 'unknown' }]);
  }
  return out;
}

function importBindings(stmt: Node): Array<[string, Binding]> {
  const source = stmt.childForFieldName('source');
  const specifier = source ? literalString(source) : undefined;
  if (specifier === undefined) return [];
  const family = clientFamilyOf(specifier) ?? null;
  const rel = relative(specifier);
  const out: Array<[string, Binding]> = [];
  for (const clause of stmt.namedChildren) {
    if (clause?.type === 'import_require_clause') {
      const name = clause.firstNamedChild;
      if (name?.type === 'identifier') out.push([name.text, { b: 'import', family, exportName: 'module', ...rel }]);
    }
    if (clause?.type !== 'import_clause') continue;
    for (const part of clause.namedChildren) {
      if (!part) continue;
      if (part.type === 'identifier') out.push([part.text, { b: 'import', family, exportName: 'default', ...rel }]);
      else if (part.type === 'namespace_import') {
        // A broken statement (`import * (as x …`) puts an ERROR node there: only an identifier names a binding.
        const name = part.firstNamedChild;
        if (name?.type === 'identifier') out.push([name.text, { b: 'import', family, exportName: 'module', ...rel }]);
      } else if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name');
          const alias = spec.childForFieldName('alias');
          const local = alias ?? name;
          if (!name || local?.type !== 'identifier') continue;
          const exportName = literalString(name) ?? name.text;
          out.push([local.text, { b: 'import', family: familyOfExport(family, exportName), exportName, ...rel }]);
        }
      }
    }
  }
  return out;
}
