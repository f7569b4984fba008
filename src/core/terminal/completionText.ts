/** How the terminal shows Tab completion: the shared start of the candidates, and the candidates in columns. */

/** The longest start all words share, compared without case (commands are case-insensitive). */
export function commonPrefix(words: string[]): string {
  let prefix = words[0];
  for (const word of words) {
    let i = 0;
    while (i < prefix.length && i < word.length && prefix[i].toLowerCase() === word[i].toLowerCase()) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** Candidates in columns across the terminal width, like a shell's completion list. */
export function columnize(words: string[], columns: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / width));
  let out = '';
  for (let i = 0; i < words.length; i += perRow) out += words.slice(i, i + perRow).map((w) => w.padEnd(width)).join('').trimEnd() + '\n';
  return out;
}
