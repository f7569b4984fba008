/**
 * Splits what a terminal sends (VS Code's Pseudoterminal `handleInput`) into key events:
 * printable text, Enter, editing and movement keys, and control keys, from xterm escape
 * sequences in both normal and application cursor modes.
 */
export type TerminalKey =
  | { kind: 'text'; text: string }
  | {
      kind:
        | 'enter'
        | 'backspace'
        | 'delete'
        | 'left'
        | 'right'
        | 'up'
        | 'down'
        | 'home'
        | 'end'
        | 'tab'
        | 'interrupt'
        | 'eof'
        | 'clearScreen'
        | 'killLineStart'
        | 'killLineEnd'
        | 'deleteWordBack'
        | 'wordLeft'
        | 'wordRight';
    };

const SEQUENCES: [string, TerminalKey['kind']][] = [
  ['\x1b[A', 'up'],
  ['\x1bOA', 'up'],
  ['\x1b[B', 'down'],
  ['\x1bOB', 'down'],
  ['\x1b[C', 'right'],
  ['\x1bOC', 'right'],
  ['\x1b[D', 'left'],
  ['\x1bOD', 'left'],
  ['\x1b[H', 'home'],
  ['\x1bOH', 'home'],
  ['\x1b[1~', 'home'],
  ['\x1b[7~', 'home'],
  ['\x1b[F', 'end'],
  ['\x1bOF', 'end'],
  ['\x1b[4~', 'end'],
  ['\x1b[8~', 'end'],
  ['\x1b[3~', 'delete'],
  ['\x1b[1;5D', 'wordLeft'],
  ['\x1b[1;5C', 'wordRight'],
  ['\x1bb', 'wordLeft'],
  ['\x1bf', 'wordRight'],
  ['\x1b\x7f', 'deleteWordBack'],
];

const CONTROLS: Record<string, TerminalKey['kind']> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x03': 'interrupt',
  '\x04': 'eof',
  '\x0c': 'clearScreen',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x15': 'killLineStart',
  '\x0b': 'killLineEnd',
  '\x17': 'deleteWordBack',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export function decodeTerminalInput(data: string): TerminalKey[] {
  const keys: TerminalKey[] = [];
  let text = '';
  const flush = (): void => {
    if (text) keys.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      // Bracketed paste: the content is text and line breaks, never key sequences.
      const end = data.indexOf(PASTE_END, i);
      const pasted = data.slice(i + PASTE_START.length, end === -1 ? undefined : end);
      keys.push(...decodeTerminalInput(pasted.split('\x1b').join('')));
      i = end === -1 ? data.length : end + PASTE_END.length;
      continue;
    }
    const c = data[i];
    if (c === '\x1b') {
      flush();
      const match = SEQUENCES.find(([seq]) => data.startsWith(seq, i));
      if (match) {
        keys.push({ kind: match[1] } as TerminalKey);
        i += match[0].length;
      } else {
        i += unknownSequenceLength(data, i);
      }
      continue;
    }
    const control = CONTROLS[c];
    if (control) {
      flush();
      keys.push({ kind: control } as TerminalKey);
      // "\r\n" from a paste is one line break.
      i += c === '\r' && data[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    // Other C0 and the C1 controls (an 8-bit CSI) would act on the terminal when the line is echoed.
    if (c < ' ' || (c >= '\x80' && c <= '\x9f')) {
      i++;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return keys;
}

/** Skips an escape sequence we do not handle (function keys, focus events…) whole. */
function unknownSequenceLength(data: string, start: number): number {
  const next = data[start + 1];
  if (next === '[') {
    let j = start + 2;
    while (j < data.length && !/[@-~]/.test(data[j])) j++;
    return j - start + 1;
  }
  if (next === 'O') return 3;
  return next === undefined ? 1 : 2;
}
