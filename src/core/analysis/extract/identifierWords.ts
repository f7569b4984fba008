import type { ArgFact, CallFact } from './facts';

/** The words of an identifier or a piece of code, lower case: `userKeyPrefix` → user, key, prefix; `redis_client` → redis, client. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The words of a call argument: a string's value, or the code it is built from (`userKeyPrefix + id`); none for callbacks. */
export function argumentWords(arg: ArgFact | undefined): string[] {
  if (!arg || arg.kind === 'spread' || arg.kind === 'function') return [];
  return identifierWords(arg.kind === 'string' ? arg.value : arg.text);
}

/** What a write is named with: its key, its value, and the class and function it is written from (rules read intent from these). */
export function writeWords(call: CallFact, key: ArgFact | undefined, value: ArgFact | undefined): string[] {
  // The key as resolved too: `doneKey` built by `getDoneKey(name)` reads as `usage-migration:{n}:done`.
  const template = key ? call.keys?.find((k) => k.span.start.offset === key.span.start.offset)?.template : undefined;
  return [...argumentWords(key), ...(template ? identifierWords(template) : []), ...argumentWords(value), ...identifierWords(call.owner)];
}
