import assert from 'node:assert/strict';
import { formatTtlInput, parseTtlInput, TtlInputError } from '../../../../../src/core/redis/values/ttlInput';

describe('TTL input', () => {
  it('reads seconds and durations', () => {
    assert.equal(parseTtlInput('90'), 90);
    assert.equal(parseTtlInput(' 90s '), 90);
    assert.equal(parseTtlInput('15m'), 900);
    assert.equal(parseTtlInput('2H'), 7200);
    assert.equal(parseTtlInput('7d'), 604_800);
    assert.equal(parseTtlInput('1h30m'), 5400);
    assert.equal(parseTtlInput('1d 2h 3m 4s'), 93_784);
  });

  it('refuses what is not a positive duration, saying what is accepted', () => {
    for (const bad of ['', 'soon', '0', '0s', '-5', '1.5h', '5x', 'm']) {
      assert.throws(() => parseTtlInput(bad), TtlInputError, bad);
    }
    assert.throws(() => parseTtlInput('tomorrow'), /Type seconds \(3600\) or a duration such as 15m/);
  });

  it('formats a TTL so that it reads back to the same seconds', () => {
    assert.equal(formatTtlInput(5_400_000), '1h30m');
    assert.equal(formatTtlInput(1), '1s');
    assert.equal(formatTtlInput(93_784_000), '1d2h3m4s');
    for (const ms of [1000, 59_999, 3_600_000, 86_399_500]) assert.equal(parseTtlInput(formatTtlInput(ms)), Math.ceil(ms / 1000));
  });
});
