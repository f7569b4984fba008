import assert from 'node:assert/strict';
import { exported, type PatternProof } from '../harness/proof';
import { range } from '../harness/util';

interface Entry {
  member: string;
  score: number;
  rank: number;
}
interface Leaderboard {
  submit(member: string, score: number): Promise<void>;
  increment(member: string, by: number): Promise<number>;
  top(count: number): Promise<Entry[]>;
  page(pageNumber: number, pageSize?: number): Promise<Entry[]>;
  rank(member: string): Promise<number | null>;
  score(member: string): Promise<number | null>;
  around(member: string, radius: number): Promise<Entry[]>;
  remove(member: string): Promise<boolean>;
}
type LeaderboardClass = new (client: object, name: string) => Leaderboard;

export const leaderboardProof: PatternProof = {
  checks: {
    'ranks, pages and neighbours match a sorted reference (ties included)': async (ctx) => {
      const Board = exported<LeaderboardClass>(ctx, 'Leaderboard');
      const boards = (await ctx.connectMany(8)).map((client) => new Board(client, 'season-1'));
      const scores = new Map<string, number>();
      for (const i of range(150)) scores.set(`player-${String(i).padStart(3, '0')}`, Math.floor(Math.random() * 40));
      await Promise.all([...scores].map(([member, score], i) => boards[i % boards.length].submit(member, score)));
      // Concurrent increments must all land (ZINCRBY is atomic).
      await Promise.all(range(80).map((i) => boards[i % boards.length].increment('player-007', 1)));
      scores.set('player-007', (scores.get('player-007') ?? 0) + 80);
      assert.equal(await boards[0].increment('player-008', 0.5), (scores.get('player-008') ?? 0) + 0.5);
      scores.set('player-008', (scores.get('player-008') ?? 0) + 0.5);

      const reference = [...scores]
        .map(([member, score]) => ({ member, score }))
        .sort((a, b) => b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0))
        .map((entry, rank) => ({ ...entry, rank }));
      const board = boards[0];
      assert.deepEqual(await board.top(10), reference.slice(0, 10));
      const pages: Entry[] = [];
      for (let page = 0; page * 20 < reference.length; page++) pages.push(...(await board.page(page, 20)));
      assert.deepEqual(pages, reference);
      for (const entry of reference) {
        assert.equal(await board.rank(entry.member), entry.rank);
        assert.equal(await board.score(entry.member), entry.score);
      }
      for (const index of [0, 1, 75, reference.length - 2, reference.length - 1]) {
        const around = await board.around(reference[index].member, 3);
        assert.deepEqual(around, reference.slice(Math.max(0, index - 3), index + 4));
      }
      assert.equal(await board.rank('nobody'), null);
      assert.deepEqual(await board.around('nobody', 3), []);
      assert.equal(await ctx.admin.pttl('leaderboard:season-1'), -1, 'scores are data meant to live');
      assert.equal(await board.remove(reference[0].member), true);
      assert.deepEqual((await board.top(1))[0].member, reference[1].member);
    },
  },
};
