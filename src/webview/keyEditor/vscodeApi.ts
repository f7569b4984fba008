import type { PageMessage } from '../../core/protocol/keyEditor';

/** The object VS Code injects into webviews; it may be acquired only once per page. */
export interface KeyEditorApi {
  postMessage(message: PageMessage): void;
}

declare function acquireVsCodeApi(): KeyEditorApi;

export function getVsCodeApi(): KeyEditorApi {
  return acquireVsCodeApi();
}
