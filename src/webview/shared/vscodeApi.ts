/**
 * The object VS Code injects into a webview page, typed by the page's protocol: `Page` is what the page
 * may post to the host, `State` what it keeps across a reload with setState (getState gives it back
 * unchecked, since the saved state may come from an older version: validate it).
 */
export interface VsCodeApi<Page, State = never> {
  postMessage(message: Page): void;
  getState(): unknown;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/** Call once per page: VS Code refuses a second acquireVsCodeApi(). */
export function getVsCodeApi<Page, State = never>(): VsCodeApi<Page, State> {
  return acquireVsCodeApi();
}
