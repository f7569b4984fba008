import type { PageMessage } from '../../core/protocol/memory';

/** The object VS Code injects into webviews; it may be acquired only once per page. */
export interface VsCodeApi {
  postMessage(message: PageMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function getVsCodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
