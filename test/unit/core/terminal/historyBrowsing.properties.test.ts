import assert from 'node:assert/strict';
import { CommandHistory } from '../../../../src/core/terminal/commandHistory';
import { int, pick, prng } from '../analysis/prng';

/**
 * Up and Down through the CLI history, stated against a model over random sessions: Up from the
 * line being typed keeps it as a draft and shows the newest entry, Up stops at the oldest, Down
 * walks back and ends on the draft, Down at the draft does nothing (a second Down and an Up then
 * behave as from the draft); Enter records a line unless blank or a repeat, and starts over.
 */
describe('CLI history browsing, stated against a model', () => {
  it('Up, Down and Enter return what the model says, in every order', () => {
    const rand = prng(0x415);
    for (let session = 0; session < 400; session++) {
      const limit = 1 + int(rand, 6);
      const history = new CommandHistory([], limit);
      const entries: string[] = [];
      let position = 0;
      let draft = '';
      for (let step = 0; step < 40; step++) {
        const op = pick(rand, ['up', 'up', 'down', 'down', 'enter']);
        if (op === 'enter') {
          const line = pick(rand, ['get a', 'set b 1', 'ping', '', '  ', entries[entries.length - 1] ?? 'ping']);
          history.add(line);
          if (line.trim() !== '' && entries[entries.length - 1] !== line) {
            entries.push(line);
            if (entries.length > limit) entries.shift();
          }
          position = entries.length;
          draft = '';
        } else if (op === 'up') {
          const typing = `typed ${step}`;
          let expected: string | undefined;
          if (position > 0) {
            if (position === entries.length) draft = typing;
            position--;
            expected = entries[position];
          }
          assert.equal(history.previous(typing), expected, `session ${session} step ${step}: Up`);
        } else {
          let expected: string | undefined;
          if (position < entries.length) {
            position++;
            expected = position === entries.length ? draft : entries[position];
          }
          assert.equal(history.next(), expected, `session ${session} step ${step}: Down`);
        }
        assert.deepEqual(history.all, entries);
      }
    }
  });
});
