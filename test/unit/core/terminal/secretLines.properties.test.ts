import assert from 'node:assert/strict';
import { CommandHistory } from '../../../../src/core/terminal/commandHistory';
import { mentionsSecret, SECRET_WORDS } from '../../../../src/core/terminal/secretLines';

/** Every way a word can stand in a command line: any case, any position, quoted, hex-escaped. */
function shapesOf(word: string): string[] {
  const hexFirst = `"\\x${word.charCodeAt(0).toString(16)}${word.slice(1)}"`;
  return [
    `${word} x`,
    `${word.toUpperCase()} x`,
    `${word[0].toUpperCase()}${word.slice(1)} x`,
    `config set ${word} x`,
    `CONFIG SET maxmemory 1gb ${word.toUpperCase()} x`,
    `sentinel set mymaster ${word} x`,
    `"${word}" x`,
    `'${word}' x`,
    `${hexFirst} x`,
    `x "${word}`,
  ];
}

describe('CLI history filter: every secret-bearing word, in every shape', () => {
  it('mentionsSecret finds each secret word however it is written and wherever it stands', () => {
    for (const word of SECRET_WORDS) {
      for (const line of shapesOf(word)) assert.ok(mentionsSecret(line), line);
    }
  });

  it('the history never records, and drops from a saved history, a line with any secret word', () => {
    const lines = [...SECRET_WORDS].flatMap(shapesOf);
    const history = new CommandHistory(['get a', ...lines, 'get b']);
    assert.deepEqual(history.all, ['get a', 'get b']);
    for (const line of lines) history.add(line);
    assert.deepEqual(history.all, ['get a', 'get b']);
  });

  it('words the server documents as secret are kept out too, and only when passed', () => {
    const serverWords = new Set(['vault-token']);
    assert.ok(mentionsSecret('module.cmd VAULT-TOKEN x', serverWords));
    assert.ok(!mentionsSecret('module.cmd VAULT-TOKEN x'));
    const history = new CommandHistory();
    history.add('module.cmd vault-token x', serverWords);
    history.add('module.cmd vault-token x');
    assert.deepEqual(history.all, ['module.cmd vault-token x']);
  });

  it('ACL SETUSER in any case is kept out, other ACL subcommands and lines that only contain a secret word inside another are kept', () => {
    for (const line of ['acl setuser u on >pw', 'ACL SETUSER u #hash', 'Acl SetUser u', '"acl" "setuser" u']) assert.ok(mentionsSecret(line), line);
    for (const line of ['acl whoami', 'acl list', 'get author', 'get authority:1', 'set x requirepassword', 'hget h masterauthority', 'echo setuser']) {
      assert.ok(!mentionsSecret(line), line);
    }
  });

  it('lines without a secret are recorded in order, without blanks or repeats, up to the limit', () => {
    const history = new CommandHistory([], 3);
    for (const line of ['get a', '  ', '', 'get a', 'get b', 'get c', 'get d']) history.add(line);
    assert.deepEqual(history.all, ['get b', 'get c', 'get d']);
    assert.deepEqual(new CommandHistory(['a', 'b', 'c', 'd'], 2).all, ['c', 'd']);
  });
});
