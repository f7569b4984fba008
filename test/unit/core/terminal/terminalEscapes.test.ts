import assert from 'node:assert/strict';
import { formatInvalidation, formatReply, formatReplyRaw } from '../../../../src/core/terminal/formatReply';
import { resp, type RespValue } from '../../../../src/core/terminal/resp';
import { decodeTerminalInput } from '../../../../src/core/terminal/terminalKeys';
import { escapeControls } from '../../../../src/core/terminal/terminalText';

/** What a hostile value carries: retitle (OSC), clear screen (CSI), bell, a C1 CSI, a lone CR that overwrites the line. */
const HOSTILE = 'a\x1b]0;pwned\x07b\x1b[2J\x1b[Hc\u009b31md\rfake\x00\x7f';

/** True when `text` holds a control character a terminal would act on (newline and tab aside). */
function hasLiveControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text.replace(/\r\n/g, '\n'));
}

describe('terminal escape injection: every reply type is written with its control characters escaped', () => {
  const bytes = Buffer.from(HOSTILE, 'utf8');
  const cases: [string, RespValue][] = [
    ['error', resp.error(`ERR ${HOSTILE}`)],
    ['status', resp.simple(HOSTILE)],
    ['bulk', resp.bulk(bytes)],
    ['verbatim', { type: 'verbatim', format: 'txt', value: bytes }],
    ['double', { type: 'double', value: HOSTILE }],
    ['big number', { type: 'bignum', value: HOSTILE }],
    ['integer', { type: 'integer', value: HOSTILE }],
    ['map', { type: 'map', items: [resp.simple(HOSTILE), resp.error(HOSTILE)] }],
    ['set', { type: 'set', items: [resp.simple(HOSTILE)] }],
    ['push', { type: 'push', items: [resp.bulk(bytes), resp.error(HOSTILE)] }],
    ['nested array', resp.array([resp.array([resp.error(HOSTILE)])])],
  ];
  for (const [name, reply] of cases) {
    it(`${name}: TTY and raw formats`, () => {
      const tty = formatReply(reply);
      const raw = formatReplyRaw(reply);
      assert.equal(hasLiveControl(tty), false, `TTY output of ${name}: ${JSON.stringify(tty)}`);
      assert.equal(hasLiveControl(raw), false, `raw output of ${name}: ${JSON.stringify(raw)}`);
    });
  }

  it('INFO-like raw reports keep their line breaks but lose the escapes (an error-stats line)', () => {
    const info = resp.bulk('# Errorstats\r\nerrorstat_\x1b]0;x\x07:count=1\r\n');
    assert.equal(formatReplyRaw(info), '# Errorstats\r\nerrorstat_\\x1b]0;x\\x07:count=1\r\n');
  });

  it('invalidation key names are escaped too', () => {
    const push: RespValue = { type: 'push', items: [resp.bulk('invalidate'), resp.array([resp.bulk('k\x1b[2J')])] };
    assert.equal(hasLiveControl(formatInvalidation(push) ?? ''), false);
  });

  it('escapes C0, DEL, C1 and a lone carriage return as visible \\xNN, keeps text, newlines, tabs and CRLF', () => {
    assert.equal(escapeControls('a\x1b[31mb'), 'a\\x1b[31mb');
    assert.equal(escapeControls('x\u009by'), 'x\\x9by');
    assert.equal(escapeControls('over\rwrite'), 'over\\x0dwrite');
    assert.equal(escapeControls('l1\r\nl2\n\tv\x7f'), 'l1\r\nl2\n\tv\\x7f');
    assert.equal(escapeControls('日本 é 🙂'), '日本 é 🙂');
  });
});

describe('terminal input: pasted control characters never reach the echoed line', () => {
  it('drops C1 controls (an 8-bit CSI) as it drops C0 ones', () => {
    assert.deepEqual(decodeTerminalInput('get \u009b2Jk\u0007ey'), [{ kind: 'text', text: 'get 2Jkey' }]);
  });
});
