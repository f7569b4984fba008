import assert from 'node:assert/strict';
import { LoadBudget } from '../../../../src/core/redis/keyspace/loadBudget';
import { budgetOptionsFor } from '../../../../src/core/redis/keyspace/scanBudgetOptions';

describe('budgetOptionsFor: the scan ceilings of a load budget', () => {
  it('takes the settings when the connection sets nothing', () => {
    assert.deepEqual(budgetOptionsFor(undefined, { maxScansPerSecond: 5, maxKeysPerSecond: 2000 }), { maxScansPerSecond: 5, maxKeysPerSecond: 2000 });
    assert.deepEqual(budgetOptionsFor({}, { maxScansPerSecond: 5, maxKeysPerSecond: 0 }), { maxScansPerSecond: 5 });
  });

  it("lets the connection's own ceiling win over the setting, each ceiling on its own", () => {
    assert.deepEqual(budgetOptionsFor({ maxScansPerSecond: 20 }, { maxScansPerSecond: 5, maxKeysPerSecond: 100 }), { maxScansPerSecond: 20, maxKeysPerSecond: 100 });
    assert.deepEqual(budgetOptionsFor({ maxKeysPerSecond: 7 }, { maxScansPerSecond: 0, maxKeysPerSecond: 100 }), { maxKeysPerSecond: 7 });
  });

  it('reads 0 as "no ceiling": in the settings, and on a connection even when the setting has one', () => {
    assert.deepEqual(budgetOptionsFor(undefined, { maxScansPerSecond: 0, maxKeysPerSecond: 0 }), {});
    assert.deepEqual(budgetOptionsFor({ maxScansPerSecond: 0, maxKeysPerSecond: 0 }, { maxScansPerSecond: 5, maxKeysPerSecond: 100 }), {});
  });

  it('ignores a value that is not a whole number ≥ 0: the connection falls back to the setting, the setting to none', () => {
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, {}]) {
      const connection = { maxScansPerSecond: bad, maxKeysPerSecond: bad } as unknown as { maxScansPerSecond: number };
      assert.deepEqual(budgetOptionsFor(connection, { maxScansPerSecond: 3, maxKeysPerSecond: 9 }), { maxScansPerSecond: 3, maxKeysPerSecond: 9 }, `connection value ${JSON.stringify(bad)}`);
      assert.deepEqual(budgetOptionsFor(undefined, connection), {}, `setting value ${JSON.stringify(bad)}`);
    }
  });

  it('gives options a LoadBudget accepts (it refuses 0 and negative ceilings)', () => {
    for (const settings of [{}, { maxScansPerSecond: 0, maxKeysPerSecond: 0 }, { maxScansPerSecond: 1, maxKeysPerSecond: 1 }]) {
      const budget = new LoadBudget(budgetOptionsFor({ maxScansPerSecond: -3 }, settings));
      assert.equal(budget.options.maxScansPerSecond, settings.maxScansPerSecond || undefined);
    }
  });
});
