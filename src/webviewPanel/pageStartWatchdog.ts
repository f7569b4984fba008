/**
 * Notices a webview page that never starts, and loads it again.
 *
 * Every page posts a message as soon as its script runs ("ready"). Now and then VS Code's webview
 * frame never runs the page at all — the tab stays empty and the host hears nothing (the webview's
 * service worker failed to register or to answer: microsoft/vscode#125993; seen in code-server
 * too). Setting the HTML again builds a fresh frame, which usually loads. So: when a visible page
 * has said nothing within `timeoutMs`, reload it (waiting twice as long each time), and after
 * `maxReloads` give up once and let the caller tell the user.
 *
 * No `vscode` import: the host drives it with the panel's visibility and the page's messages.
 * It assumes no `retainContextWhenHidden` (none of our panels use it): VS Code drops a hidden
 * page and loads it again, with a new "ready", when the tab is shown.
 */
export interface PageStartWatchdogOptions {
  timeoutMs: number;
  maxReloads: number;
  /** Sets the page's HTML again; `attempt` counts from 1. */
  reload(attempt: number, waitedMs: number): void;
  /** Called once when the last reload did not start either. */
  giveUp(waitedMs: number): void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class PageStartWatchdog {
  private started = false;
  private reloads = 0;
  private gaveUp = false;
  private timer: unknown;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: PageStartWatchdogOptions) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** The page's HTML was set: it is loading now if the panel is visible, else when it is shown. */
  loading(visible: boolean): void {
    this.started = false;
    this.cancel();
    if (visible) this.arm();
  }

  visibilityChanged(visible: boolean): void {
    if (!visible) {
      // VS Code drops a hidden page; the one shown next is a new load that must speak again.
      this.started = false;
      this.cancel();
    } else if (!this.started && this.timer === undefined) {
      this.arm();
    }
  }

  /** The page sent a message: its script runs. */
  pageSpoke(): void {
    this.started = true;
    this.reloads = 0;
    this.cancel();
  }

  dispose(): void {
    this.cancel();
    this.gaveUp = true;
  }

  private waitMs(): number {
    return this.options.timeoutMs * 2 ** this.reloads;
  }

  private arm(): void {
    if (this.gaveUp) return;
    const waited = this.waitMs();
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      if (this.started) return;
      if (this.reloads < this.options.maxReloads) {
        this.reloads++;
        this.options.reload(this.reloads, waited);
        this.arm();
      } else {
        this.gaveUp = true;
        this.options.giveUp(waited);
      }
    }, waited);
  }

  private cancel(): void {
    if (this.timer === undefined) return;
    this.clearTimer(this.timer);
    this.timer = undefined;
  }
}
