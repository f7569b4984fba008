import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { sleep } from '../harness/util';

type SessionData = Record<string, string>;
type SessionStoreClass = new (client: object, options?: { idleTtlSeconds?: number }) => {
  create(data: SessionData): Promise<string>;
  get(id: string): Promise<SessionData | null>;
  update(id: string, data: SessionData): Promise<boolean>;
  touch(id: string): Promise<boolean>;
  destroy(id: string): Promise<void>;
};

const storeClass = (ctx: ProofContext) => exported<SessionStoreClass>(ctx, 'SessionStore');

/** node-redis returns hashes as null-prototype objects; compare fields only. */
async function fieldsOf(session: Promise<SessionData | null>): Promise<SessionData | null> {
  const data = await session;
  return data === null ? null : { ...data };
}

export const sessionStoreProof: PatternProof = {
  checks: {
    'a session expires after its idle TTL, and every access refreshes it': async (ctx) => {
      const store = new (storeClass(ctx))(await ctx.connect(), { idleTtlSeconds: 2 });
      const id = await store.create({ user: 'ada', role: 'admin' });
      const key = `session:${id}`;
      const initial = await ctx.admin.pttl(key);
      assert.ok(initial > 0 && initial <= 2000, `initial TTL ${initial}`);
      await sleep(1200);
      assert.deepEqual(await fieldsOf(store.get(id)), { user: 'ada', role: 'admin' });
      assert.ok((await ctx.admin.pttl(key)) > 1500, 'get() restarted the idle clock');
      await sleep(1200); // 2.4 s after creation, 1.2 s after the last access
      assert.deepEqual(await fieldsOf(store.get(id)), { user: 'ada', role: 'admin' }, 'alive thanks to the refresh');
      await sleep(2300);
      assert.equal(await store.get(id), null, 'gone after an idle TTL without access');
      assert.equal(await ctx.admin.exists(key), 0);
    },

    'update and touch refresh a live session; they never resurrect a destroyed one': async (ctx) => {
      const store = new (storeClass(ctx))(await ctx.connect(), { idleTtlSeconds: 60 });
      const id = await store.create({ user: 'ada' });
      assert.equal(await store.update(id, { theme: 'dark' }), true);
      assert.deepEqual(await fieldsOf(store.get(id)), { user: 'ada', theme: 'dark' });
      assert.equal(await store.touch(id), true);
      await store.destroy(id);
      assert.equal(await store.get(id), null);
      assert.equal(await store.update(id, { theme: 'light' }), false);
      assert.equal(await store.touch(id), false);
      assert.equal(await ctx.admin.exists(`session:${id}`), 0, 'not resurrected');
      await assert.rejects(store.create({}), RangeError);
    },
  },
};
