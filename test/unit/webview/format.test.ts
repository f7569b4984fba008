import assert from 'node:assert/strict';
import { formatBytes, formatInteger } from '../../../src/webview/shared/format';

describe('number formatting shared by the dashboard and the key editor', () => {
  it('shows sizes with at most three integer digits, in 1024-based units', () => {
    const shown = [999, 1023, 1_033_288, 1_048_576, 1_059_062, 5 * 1024 ** 3].map(formatBytes);
    assert.deepEqual(shown, ['999 B', '1 KB', '0.99 MB', '1 MB', '1.01 MB', '5 GB']);
  });

  it('groups thousands in counts', () => {
    assert.deepEqual([formatInteger(1531), formatInteger(1_000_001)], ['1,531', '1,000,001']);
  });
});
