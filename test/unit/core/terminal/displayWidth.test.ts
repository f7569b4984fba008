import assert from 'node:assert/strict';
import { displayWidth } from '../../../../src/core/terminal/displayWidth';
import { LineEditor } from '../../../../src/core/terminal/lineEditor';

describe('display width of terminal text', () => {
  it('counts East Asian Wide/Fullwidth characters and emoji as two columns', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('日本語'), 6);
    assert.equal(displayWidth('한국'), 4);
    assert.equal(displayWidth('ＡＢ'), 4);
    assert.equal(displayWidth('😀'), 2);
    assert.equal(displayWidth('❤️'), 2, 'a text symbol with the emoji presentation selector');
    assert.equal(displayWidth('🇫🇷'), 2, 'a flag is one cluster of two regional indicators');
    assert.equal(displayWidth('👩‍👩‍👧'), 2, 'a ZWJ family is one cluster');
  });

  it('counts combining marks as zero columns', () => {
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('a\u0308\u0323b'), 2);
    assert.equal(displayWidth('\u200b'), 0, 'zero-width space');
  });
});

describe('LineEditor with wide characters and combining marks', () => {
  /** Columns the cursor moves back from the end of the line after a redraw. */
  // eslint-disable-next-line no-control-regex -- the cursor-back sequence starts with ESC
  const columnsBack = (editor: LineEditor): number => Number(/\x1b\[(\d+)D$/.exec(editor.render('> '))?.[1] ?? 0);

  it('moves the terminal cursor back by the display width of the text after it', () => {
    const editor = new LineEditor();
    editor.insert('set 键 値😀');
    editor.left();
    assert.equal(columnsBack(editor), 2, 'over the emoji');
    editor.left();
    assert.equal(columnsBack(editor), 4, 'over 値 too');
    editor.home();
    assert.equal(columnsBack(editor), 4 + 2 + 1 + 2 + 2);
  });

  it('steps over a letter and its combining marks as one character', () => {
    const editor = new LineEditor();
    editor.insert('cafe\u0301!');
    editor.left();
    editor.left();
    assert.equal(columnsBack(editor), 2);
    editor.backspace();
    assert.equal(editor.text, 'cafe\u0301!'.replace('f', ''));
    editor.end();
    editor.backspace();
    editor.backspace();
    assert.equal(editor.text, 'ca');
  });

  it('joins a combining mark typed after a letter to that letter', () => {
    const editor = new LineEditor();
    editor.insert('e');
    editor.insert('\u0301');
    editor.left();
    assert.equal(columnsBack(editor), 1);
    editor.insert('x');
    assert.equal(editor.text, 'xe\u0301');
    editor.right();
    assert.equal(editor.cursorAtEnd, true);
  });
});
