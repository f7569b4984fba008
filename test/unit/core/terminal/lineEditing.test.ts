import assert from 'node:assert/strict';
import { LineEditor } from '../../../../src/core/terminal/lineEditor';
import { decodeTerminalInput } from '../../../../src/core/terminal/terminalKeys';

describe('LineEditor', () => {
  it('inserts at the cursor and redraws with the cursor in place', () => {
    const editor = new LineEditor();
    editor.insert('get k');
    editor.left();
    editor.left();
    editor.insert('X');
    assert.equal(editor.text, 'getX k');
    assert.equal(editor.render('> '), '\r\x1b[K> getX k\x1b[2D');
    editor.end();
    assert.equal(editor.render('> '), '\r\x1b[K> getX k');
  });

  it('supports backspace, delete, home/end and kills', () => {
    const editor = new LineEditor();
    editor.insert('hello world');
    editor.backspace();
    assert.equal(editor.text, 'hello worl');
    editor.home();
    editor.deleteForward();
    assert.equal(editor.text, 'ello worl');
    editor.wordRight();
    editor.killToEnd();
    assert.equal(editor.text, 'ello');
    editor.insert(' big  ');
    editor.deleteWordBack();
    assert.equal(editor.text, 'ello ');
    editor.killToStart();
    assert.equal(editor.text, '');
  });

  it('moves over emoji as single characters', () => {
    const editor = new LineEditor();
    editor.insert('a😀b');
    editor.left();
    editor.left();
    editor.backspace();
    assert.equal(editor.text, '😀b');
  });
});

describe('decodeTerminalInput', () => {
  it('splits text, control keys and escape sequences', () => {
    assert.deepEqual(decodeTerminalInput('ab\x1b[Ac\r'), [{ kind: 'text', text: 'ab' }, { kind: 'up' }, { kind: 'text', text: 'c' }, { kind: 'enter' }]);
    assert.deepEqual(decodeTerminalInput('\x7f\x1b[3~\x1bOD\x1b[C\t\x03\x04\x0c\x01\x05\x15\x0b\x17'), [
      { kind: 'backspace' },
      { kind: 'delete' },
      { kind: 'left' },
      { kind: 'right' },
      { kind: 'tab' },
      { kind: 'interrupt' },
      { kind: 'eof' },
      { kind: 'clearScreen' },
      { kind: 'home' },
      { kind: 'end' },
      { kind: 'killLineStart' },
      { kind: 'killLineEnd' },
      { kind: 'deleteWordBack' },
    ]);
  });

  it('treats CRLF as one Enter and skips unknown sequences whole', () => {
    assert.deepEqual(decodeTerminalInput('a\r\nb\x1b[15~c'), [{ kind: 'text', text: 'a' }, { kind: 'enter' }, { kind: 'text', text: 'b' }, { kind: 'text', text: 'c' }]);
  });

  it('reads bracketed paste as plain text and line breaks', () => {
    assert.deepEqual(decodeTerminalInput('\x1b[200~get a\rget b\x1b[201~'), [{ kind: 'text', text: 'get a' }, { kind: 'enter' }, { kind: 'text', text: 'get b' }]);
  });
});
