import type { DashboardPageState, PageMessage } from '../../core/protocol/dashboard';

/** The object VS Code injects into webviews; it may be acquired only once per page. */
export interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: DashboardPageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function getVsCodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
