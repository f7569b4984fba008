import { discoverDashboardNodes } from '../core/redis/server/dashboardNodes';
import type { ConnectionManager } from '../connections/connectionManager';
import type { ConnectionStore } from '../connections/connectionStore';
import type { DashboardConnectionSource } from './dashboardConnectionSource';

/** The dashboard's view of the saved connections and their live clients. */
export function dashboardSourceFor(store: ConnectionStore, manager: ConnectionManager): DashboardConnectionSource {
  return {
    listConnections: () => store.list(),
    getNodes: async (id) => discoverDashboardNodes(await manager.getClient(id)),
    isReadOnly: (id) => store.get(id)?.readOnly ?? true,
    getState: (id) => {
      const state = manager.state(id);
      return { connected: state.status === 'connected', error: state.error };
    },
    onDidChangeState: manager.onDidChangeState,
  };
}
