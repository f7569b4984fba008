import assert from 'node:assert/strict';
import { CommandHistory } from '../../../../src/core/terminal/commandHistory';

describe('CommandHistory', () => {
  it('walks back and forth and returns the draft past the newest entry', () => {
    const history = new CommandHistory(['get a', 'get b']);
    assert.equal(history.previous('draft'), 'get b');
    assert.equal(history.previous('get b'), 'get a');
    assert.equal(history.previous('get a'), undefined);
    assert.equal(history.next(), 'get b');
    assert.equal(history.next(), 'draft');
    assert.equal(history.next(), undefined);
  });

  it('skips blank lines and consecutive duplicates but keeps non-consecutive repeats', () => {
    const history = new CommandHistory();
    for (const line of ['ping', 'ping', '  ', 'get a', 'ping']) history.add(line);
    assert.deepEqual(history.all, ['ping', 'get a', 'ping']);
  });

  it('starts browsing from the newest entry again after a command', () => {
    const history = new CommandHistory(['a', 'b']);
    history.previous('');
    history.previous('');
    history.add('c');
    assert.equal(history.previous(''), 'c');
  });

  it('keeps at most the limit, dropping the oldest', () => {
    const history = new CommandHistory(['1', '2', '3'], 3);
    history.add('4');
    assert.deepEqual(history.all, ['2', '3', '4']);
  });
});
