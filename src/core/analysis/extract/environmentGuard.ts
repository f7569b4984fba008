/**
 * Whether code runs only outside production, read from the conditions that guard it:
 * `if (IS_DEV_ENV || IS_TEST_ENV) await client.flushAll()`, `if (process.env.NODE_ENV === 'production')
 * throw …` before it, `isTest ? redis.flushdb() : null`. Destructive commands there are a deliberate
 * development or test reset, not a production hazard.
 */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES } from '../syntax';
import { Ancestry } from './ancestry';
import { afterEarlyExit } from './callContext';
import { identifierWords } from './identifierWords';

type Environment = 'production' | 'non-production' | null;

const NON_PRODUCTION_WORDS = new Set(['dev', 'development', 'test', 'tests', 'testing', 'local', 'ci', 'e2e']);
const PRODUCTION_WORDS = new Set(['prod', 'production']);
/** Words an environment flag's name may have besides the environment (`IS_DEV_ENV`, `inTestMode`); others (`useLocalCache`) make it something else. */
const FLAG_WORDS = new Set(['is', 'in', 'env', 'environment', 'mode', 'running', 'node', 'app', 'or', 'and']);
const GUARDS = new Set(['if_statement', 'ternary_expression', ...FUNCTION_TYPES]);

/**
 * True when every path to `node` within its function passes a check that the environment is not production; a
 * callback passed from such code (`client.once('ready', () => client.flushAll())` in a development-only block) is
 * registered only there, so the code around the call counts too.
 */
export function onlyOutsideProduction(node: Node, a: Ancestry): boolean {
  for (let at: Node | null = node, depth = 0; at && depth < 4; depth++) {
    if (guardedInFunction(at, a)) return true;
    const fn = a.nearest(at, FUNCTION_TYPES);
    at = fn && a.parent(fn)?.type === 'arguments' ? fn : null;
  }
  return false;
}

function guardedInFunction(node: Node, a: Ancestry): boolean {
  for (let p = a.nearest(node, GUARDS); p && !FUNCTION_TYPES.has(p.type); p = a.nearest(p, GUARDS)) {
    const condition = p.childForFieldName('condition');
    if (!condition || Ancestry.contains(condition, node)) continue;
    const consequence = p.childForFieldName('consequence');
    const inThen = !!consequence && Ancestry.contains(consequence, node);
    if (inThen ? environmentWhenTrue(condition) === 'non-production' : trueInProduction(condition)) return true;
  }
  // `if (isProduction) throw new Error('…')` (or `return`) earlier in the same block or an enclosing one.
  return afterEarlyExit(node, a, trueInProduction);
}

/**
 * The condition holds whenever the environment is production, so code it skips (an `else`, what follows `if (…)
 * throw`) runs outside production only: `isProd`, `isProd || x`; not `isProd && !HOSTNAME`, which production passes
 * when HOSTNAME is set.
 */
function trueInProduction(node: Node): boolean {
  switch (node.type) {
    case 'parenthesized_expression':
    case 'non_null_expression':
    case 'as_expression': {
      const inner = node.firstNamedChild;
      return !!inner && trueInProduction(inner);
    }
    case 'unary_expression': {
      const argument = node.childForFieldName('argument');
      return node.childForFieldName('operator')?.text === '!' && !!argument && environmentWhenTrue(argument) === 'non-production';
    }
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && right && operator === '&&') return trueInProduction(left) && trueInProduction(right);
      if (left && right && operator === '||') return trueInProduction(left) || trueInProduction(right);
      return environmentWhenTrue(node) === 'production';
    }
    default:
      return environmentWhenTrue(node) === 'production';
  }
}

/** What a condition being true says about the environment, or null when it says nothing. */
export function environmentWhenTrue(node: Node): Environment {
  switch (node.type) {
    case 'parenthesized_expression':
    case 'non_null_expression':
    case 'as_expression': {
      const inner = node.firstNamedChild;
      return inner ? environmentWhenTrue(inner) : null;
    }
    case 'unary_expression': {
      const argument = node.childForFieldName('argument');
      return node.childForFieldName('operator')?.text === '!' && argument ? opposite(environmentWhenTrue(argument)) : null;
    }
    case 'binary_expression':
      return binaryEnvironment(node);
    case 'identifier':
    case 'member_expression':
    case 'property_identifier':
      return wordsEnvironment(lastName(node)) ?? testVariable(node);
    case 'call_expression':
      return callEnvironment(node);
    default:
      return null;
  }
}

function binaryEnvironment(node: Node): Environment {
  const operator = node.childForFieldName('operator')?.text;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return null;
  if (operator === '||' || operator === '&&') {
    const sides = [environmentWhenTrue(left), environmentWhenTrue(right)];
    // `dev || test` is non-production when both are; `dev && x` is non-production when either is.
    if (operator === '||') return sides[0] === sides[1] ? sides[0] : null;
    return sides.includes('non-production') ? (sides.includes('production') ? null : 'non-production') : sides.includes('production') ? 'production' : null;
  }
  if (operator === '===' || operator === '==' || operator === '!==' || operator === '!=') {
    const literal = stringValue(right) ?? stringValue(left);
    const environment = literal === undefined ? null : wordsEnvironment(literal);
    return operator.startsWith('!') ? opposite(environment) : environment;
  }
  return null;
}

/** `isDev()`, `config.isProduction()`, `['development', 'test'].includes(env)`. */
function callEnvironment(node: Node): Environment {
  const callee = node.childForFieldName('function');
  if (!callee) return null;
  if (callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'includes') {
    const list = callee.childForFieldName('object');
    if (list?.type !== 'array') return null;
    const values = list.namedChildren.map((n) => (n ? stringValue(n) : undefined));
    if (values.length === 0 || values.some((v) => v === undefined)) return null;
    const environments = new Set(values.map((v) => wordsEnvironment(v ?? '')));
    return environments.size === 1 ? [...environments][0] : null;
  }
  return wordsEnvironment(lastName(callee));
}

/** `process.env.TEST_CLEAN_DATABASE`, `process.env.CLEAN_DB_FOR_TEST`: an environment variable only test runs set. */
function testVariable(node: Node): Environment {
  if (node.type !== 'member_expression' || !/^(?:process\.env|import\.meta\.env)$/.test(node.childForFieldName('object')?.text.replace(/\s+/g, '') ?? '')) return null;
  const words = identifierWords(lastName(node));
  return TEST_VARIABLE_WORDS.has(words[0] ?? '') || TEST_VARIABLE_WORDS.has(words[words.length - 1] ?? '') ? 'non-production' : null;
}

const TEST_VARIABLE_WORDS = new Set(['test', 'tests', 'testing', 'e2e']);

function lastName(node: Node): string {
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text ?? '';
  return node.text;
}

/** `IS_DEV_ENV`, `isTestMode`, `'development'` are non-production; `isProd`, `'production'` are production. */
function wordsEnvironment(text: string): Environment {
  const words = identifierWords(text);
  if (!words.every((w) => FLAG_WORDS.has(w) || PRODUCTION_WORDS.has(w) || NON_PRODUCTION_WORDS.has(w))) return null;
  const production = words.some((w) => PRODUCTION_WORDS.has(w));
  const other = words.some((w) => NON_PRODUCTION_WORDS.has(w));
  if (production === other) return null;
  return production ? 'production' : 'non-production';
}

function stringValue(node: Node): string | undefined {
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && !node.namedChildren.some((n) => n?.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

function opposite(environment: Environment): Environment {
  return environment === 'production' ? 'non-production' : environment === 'non-production' ? 'production' : null;
}
