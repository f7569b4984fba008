import assert from 'node:assert/strict';
import { escapeControls } from '../../../../src/core/terminal/terminalText';

describe('terminal text, stated as a property', () => {
  it('every C0 and C1 control and DEL is shown as \\xNN, except a line feed, a tab and a CRLF pair; every other character stays', () => {
    for (let code = 0; code <= 0x2ff; code++) {
      const c = String.fromCharCode(code);
      const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
      const live = c === '\n' || c === '\t';
      const expected = control && !live ? `\\x${code.toString(16).padStart(2, '0')}` : c;
      assert.equal(escapeControls(`a${c}b`), `a${expected}b`, `U+${code.toString(16)}`);
    }
    assert.equal(escapeControls('a\r\nb\rc\n\rd'), 'a\r\nb\\x0dc\n\\x0dd');
  });
});
