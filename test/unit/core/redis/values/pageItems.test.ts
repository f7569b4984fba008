import assert from 'node:assert/strict';
import { cellLimitFor, INLINE_ID_BYTES, PageItems } from '../../../../../src/core/redis/values/pageItems';

describe('how a key editor page names and cuts its items', () => {
  it('names small bytes by their base64 and big ones by a digest of bounded length it resolves', () => {
    const items = new PageItems();
    const small = Buffer.from('user:1');
    const big = Buffer.alloc(10 * 1024 * 1024, 0xff);
    assert.equal(items.idOf(small), small.toString('base64'));
    const id = items.idOf(big);
    assert.match(id, /^sha1:[0-9a-f]{40}$/);
    assert.deepEqual(items.bytesOf(id), big);
    assert.equal(items.idOf(Buffer.alloc(INLINE_ID_BYTES + 1)).length, 45);
    assert.throws(() => new PageItems().bytesOf(id), /no longer on the page shown/);
  });

  it('cuts a cell to the limit and keeps a ref to load the whole value', async () => {
    const items = new PageItems();
    const value = Buffer.from('é'.repeat(1000));
    const cell = items.cell(value, 301, () => Promise.resolve(value));
    assert.equal(cell.truncated, true);
    assert.ok(cell.text.length <= 301 && !cell.text.includes('\ufffd') && cell.mode === 'text', 'cut between characters, still text');
    assert.deepEqual(await items.load(cell.ref as string), value);
    assert.equal(items.cell(Buffer.from('short'), 301, () => Promise.resolve(value)).ref, undefined, 'a whole cell needs no ref');
  });

  it('shares the page budget: small cells whole, big cells cut evenly', () => {
    assert.equal(cellLimitFor([10, 20, 30], 1000, 65_536), 65_536, 'everything fits');
    assert.equal(cellLimitFor([100, 1_000_000, 1_000_000], 10_100, 65_536), 5000);
    assert.equal(cellLimitFor(Array.from({ length: 30 }, () => 10_000_000), 512 * 1024, 65_536), Math.floor((512 * 1024) / 30));
    assert.equal(cellLimitFor(Array.from({ length: 10_000 }, () => 10_000), 1000, 65_536), 256, 'never below the floor');
  });
});
