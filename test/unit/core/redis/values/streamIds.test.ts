import assert from 'node:assert/strict';
import { nextStreamId, previousStreamId } from '../../../../../src/core/redis/values/types/streamValue';

describe('stream id paging', () => {
  it('steps to the next id', () => {
    assert.equal(nextStreamId('5-3'), '5-4');
    assert.equal(nextStreamId('5'), '5-1');
    assert.equal(nextStreamId('5-18446744073709551615'), '6-0');
  });

  it('steps to the previous id', () => {
    assert.equal(previousStreamId('5-3'), '5-2');
    assert.equal(previousStreamId('5-0'), '4-18446744073709551615');
    assert.equal(previousStreamId('0-0'), '0-0');
  });

  it('rejects ids that are not ms-seq', () => {
    assert.throws(() => nextStreamId('abc'), /not a stream id/);
  });
});
