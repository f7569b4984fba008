import assert from 'node:assert/strict';
import { crossesSlots, keySlot, slotOfTemplate } from '../../../../src/core/analysis/rules/hashSlots';

describe('hash slots of key templates', () => {
  it('hashes literal keys and literal tags like the server', () => {
    // Known slots from the Redis Cluster specification's examples (CLUSTER KEYSLOT).
    assert.equal(keySlot('foo'), 12182);
    assert.deepEqual(slotOfTemplate('foo'), { kind: 'slot', slot: 12182 });
    assert.deepEqual(slotOfTemplate('\\{user1000\\}.following'), { kind: 'slot', slot: keySlot('{user1000}.following') });
    assert.equal(keySlot('{user1000}.following'), keySlot('{user1000}.followers'));
  });

  it('tells run-time tags from untagged run-time keys', () => {
    assert.deepEqual(slotOfTemplate('\\{order:{id}\\}:old'), { kind: 'tag', text: 'order:{id}' });
    assert.deepEqual(slotOfTemplate('order:{id}'), { kind: 'untagged', text: 'order:{id}' });
    // An empty tag hashes the whole key (the server's rule), so it is no tag.
    assert.deepEqual(slotOfTemplate('\\{\\}{id}'), { kind: 'untagged', text: '\\{\\}{id}' });
  });

  it('judges keys built from one local constant', () => {
    assert.equal(crossesSlots([slotOfTemplate('order:{id}'), slotOfTemplate('order:{id}:old')]), true);
    assert.equal(crossesSlots([slotOfTemplate('\\{order:{id}\\}'), slotOfTemplate('\\{order:{id}\\}:old')]), false);
    assert.equal(crossesSlots([slotOfTemplate('order:{id}'), slotOfTemplate('order:{id}')]), false);
  });
});
