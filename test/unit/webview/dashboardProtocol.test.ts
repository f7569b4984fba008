import assert from 'node:assert/strict';
import { isDashboardPageState, isHostMessage, isPageMessage } from '../../../src/core/protocol/dashboard';

describe('dashboard protocol guards', () => {
  it('accepts the page messages the host handles and nothing else', () => {
    for (const m of [{ type: 'ready' }, { type: 'refresh' }, { type: 'copy', text: 'GET k' }, { type: 'resetSlowlog', nodeId: '*' }]) assert.ok(isPageMessage(m), JSON.stringify(m));
    for (const m of [null, 'ready', {}, { type: 'copy' }, { type: 'copy', text: 1 }, { type: 'resetSlowlog' }, { type: 'eval', code: 'x' }]) assert.ok(!isPageMessage(m), JSON.stringify(m));
  });
  it('accepts well-formed host messages only', () => {
    assert.ok(isHostMessage({ type: 'tick', t: 1, nodes: [] }));
    assert.ok(isHostMessage({ type: 'init', connection: { id: 'c' }, nodes: [], history: {} }));
    assert.ok(isHostMessage({ type: 'connectionState', state: 'disconnected' }));
    assert.ok(isHostMessage({ type: 'notice', level: 'info', text: 'ok' }));
    for (const m of [undefined, { type: 'tick' }, { type: 'init', connection: {} }, { type: 'connectionState', state: 'maybe' }, { type: 'other' }]) assert.ok(!isHostMessage(m), JSON.stringify(m));
  });
  it('recognises the saved page state the serializer restores from', () => {
    assert.ok(isDashboardPageState({ connectionId: 'c1' }));
    assert.ok(isDashboardPageState({ connectionId: 'c1', selectedNode: '*' }));
    assert.ok(!isDashboardPageState({ connectionId: 1 }));
    assert.ok(!isDashboardPageState(undefined));
  });
});
