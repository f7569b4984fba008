import assert from 'node:assert/strict';
import { RespParser, RespProtocolError } from '../../../../src/core/terminal/respParser';

/**
 * What the terminal says when a server (or something that is not one) sends bytes that are not
 * RESP: every byte that starts no RESP type, and every length that is not a whole number, is a
 * RespProtocolError naming what was received.
 */
const TYPE_BYTES = new Set('+-:,(#_$!=*~>%|');

describe('RESP protocol errors, stated as properties', () => {
  it('refuses every byte that starts no RESP type, naming it', () => {
    for (let code = 0; code < 256; code++) {
      const char = String.fromCharCode(code);
      if (TYPE_BYTES.has(char) || code === 0x0d) continue;
      const parser = new RespParser(() => assert.fail(`no reply from ${code}`));
      assert.throws(
        () => parser.feed(Buffer.concat([Buffer.of(code), Buffer.from('x\r\n')])),
        (error: unknown) => error instanceof RespProtocolError && error.name === 'RespProtocolError' && error.message === `Unexpected RESP type byte ${JSON.stringify(char)}; the server sent something that is not RESP.`,
        `byte ${code}`,
      );
    }
  });

  it('refuses a length that is not a whole number, for every length-prefixed type, naming it', () => {
    for (const prefix of '$!=*~>%|') {
      for (const length of ['x', '1.5', '1e', 'NaN', '--1', '0x']) {
        const parser = new RespParser(() => assert.fail('no reply'));
        assert.throws(() => parser.feed(Buffer.from(`${prefix}${length}\r\n`)), (error: unknown) => error instanceof RespProtocolError && error.message === `Bad RESP length "${length}".`, `${prefix}${length}`);
      }
    }
  });
});
