import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RedisSpecialistApi } from '../../src/context';

type Widget = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;

const isPick = (w: Widget): w is vscode.QuickPick<vscode.QuickPickItem> => 'items' in w;
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Answers the extension's real quick inputs as a user would: each shown widget is queued; a test
 * waits for the next one, checks what it asks, sets the value or the active items and runs VS
 * Code's own accept command (the one bound to Enter).
 */
export class QuickInputDriver implements vscode.Disposable {
  private readonly shown: Widget[] = [];
  private readonly waiting: ((w: Widget) => void)[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(api: RedisSpecialistApi) {
    this.subscription = api.onDidShowQuickInput((widget) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(widget);
      else this.shown.push(widget);
    });
  }

  /** The next quick input shown (already shown ones first). */
  next(timeoutMs = 15_000): Promise<Widget> {
    const ready = this.shown.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No quick input was shown')), timeoutMs);
      this.waiting.push((w) => {
        clearTimeout(timer);
        resolve(w);
      });
    });
  }

  /** Types `text` into the next input box, whose prompt must match `prompt`. Returns the box as shown. */
  async type(prompt: RegExp, text: string): Promise<vscode.InputBox> {
    const widget = await this.next();
    assert.ok(!isPick(widget), `expected an input box for ${prompt}, got a pick: ${widget.placeholder}`);
    assert.match(widget.prompt ?? '', prompt);
    const shown = { step: widget.step, totalSteps: widget.totalSteps, value: widget.value, prompt: widget.prompt } as vscode.InputBox;
    widget.value = text;
    await accept();
    return shown;
  }

  /** Accepts the next pick (placeholder matching `placeholder`) with the items `choose` returns; all its items are returned for checks. */
  async pick(placeholder: RegExp, choose: (items: readonly vscode.QuickPickItem[], selected: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem[]): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const widget = await this.next();
    assert.ok(isPick(widget), `expected a pick for ${placeholder}, got an input box: ${(widget as vscode.InputBox).prompt}`);
    assert.match(`${widget.title ?? ''} ${widget.placeholder ?? ''}`, placeholder);
    const shown = { step: widget.step, totalSteps: widget.totalSteps, items: widget.items, selectedItems: [...widget.selectedItems], activeItems: [...widget.activeItems], title: widget.title, placeholder: widget.placeholder } as unknown as vscode.QuickPick<vscode.QuickPickItem>;
    const chosen = choose(widget.items, widget.selectedItems);
    if (widget.canSelectMany) widget.selectedItems = chosen;
    else widget.activeItems = chosen;
    await accept();
    return shown;
  }

  /** Accepts the next pick with the item whose label matches `label`. */
  choose(placeholder: RegExp, label: RegExp): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    return this.pick(placeholder, (items) => {
      const item = items.find((i) => label.test(i.label));
      assert.ok(item, `no item ${label} in ${items.map((i) => i.label).join(', ')}`);
      return [item];
    });
  }

  /** Closes whatever quick input is open and forgets the queued ones. */
  async reset(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await tick();
    this.shown.length = 0;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Presses Enter in the open quick input (VS Code's own accept command). */
export async function accept(): Promise<void> {
  // Let the widget's deferred update reach the workbench before Enter.
  await tick();
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}
