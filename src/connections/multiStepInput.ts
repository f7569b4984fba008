import * as vscode from 'vscode';

/** Thrown by a step when the user pressed the Back button. */
class Back extends Error {}
class Cancelled extends Error {}

export type QuickInputWidget = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;

/**
 * Every quick input this extension shows, as it is shown. The extension's API hands it to host
 * tests, which answer the real widgets (set the value or the active item, then run VS Code's accept
 * command) instead of replacing the prompts.
 */
export const quickInputShown = new vscode.EventEmitter<QuickInputWidget>();

export interface InputStep {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}

export interface PickStep<T> {
  title: string;
  placeholder: string;
  items: (vscode.QuickPickItem & { value: T })[];
  canPickMany?: boolean;
  selected?: T[];
}

/** One question of a multi-step input; `applies` is asked each time, from the answers so far. */
export interface Step<Name extends string = string> {
  name: Name;
  applies?: () => boolean;
  run: (input: MultiStepInput) => Promise<void | 'skip'>;
}

type LegacyStep = (input: MultiStepInput) => Promise<void | 'skip'>;

function asStep<Name extends string>(step: Step<Name> | LegacyStep, index: number): Step<Name> {
  return typeof step === 'function' ? { name: `#${index}` as Name, run: step } : step;
}

/**
 * A multi-step QuickInput with a Back button, as in VS Code's own multi-step samples: each
 * step is a function of the answers so far; Back re-runs the previous step with its old value.
 * Steps that do not apply are neither shown nor counted, so the counter never skips a number.
 */
export class MultiStepInput {
  private step = 0;
  private totalSteps = 1;
  private canGoBack = false;

  /**
   * Runs the steps in order from `startAt` (a step's name; the first step by default). Resolves
   * false when the user cancels. A step may also be a bare function that returns 'skip' when it
   * does not apply (it is then counted but passed over in either direction); prefer `applies`.
   */
  static async run<Name extends string>(stepsOrFunctions: (Step<Name> | LegacyStep)[], startAt?: Name): Promise<boolean> {
    const steps = stepsOrFunctions.map(asStep);
    const input = new MultiStepInput();
    const applies = (i: number): boolean => steps[i].applies?.() ?? true;
    const previous = (i: number): number => {
      for (let j = i - 1; j >= 0; j--) if (applies(j)) return j;
      return -1;
    };
    let index = Math.max(0, startAt === undefined ? 0 : steps.findIndex((s) => s.name === startAt));
    let goingBack = false;
    while (index < steps.length) {
      if (!applies(index)) {
        index++;
        continue;
      }
      const shown = steps.map((_, i) => i).filter(applies);
      input.step = shown.indexOf(index);
      input.totalSteps = shown.length;
      input.canGoBack = previous(index) >= 0;
      try {
        const skipped = (await steps[index].run(input)) === 'skip';
        if (skipped && goingBack && previous(index) >= 0) {
          index = previous(index);
          continue;
        }
        goingBack = false;
        index++;
      } catch (error) {
        if (error instanceof Back) {
          goingBack = true;
          index = Math.max(0, previous(index));
        } else if (error instanceof Cancelled) return false;
        else throw error;
      }
    }
    return true;
  }

  /** A single question outside a multi-step flow (no counter, no Back); undefined when dismissed. */
  static async ask<T>(step: PickStep<T>): Promise<T[] | undefined> {
    try {
      return await new MultiStepInput().showPick(step, false);
    } catch (error) {
      if (error instanceof Cancelled) return undefined;
      throw error;
    }
  }

  /** A single typed answer outside a multi-step flow; undefined when dismissed. */
  static async askText(step: InputStep): Promise<string | undefined> {
    try {
      return await new MultiStepInput().showInput(step, false);
    } catch (error) {
      if (error instanceof Cancelled) return undefined;
      throw error;
    }
  }

  showInput(step: InputStep, counted = true): Promise<string> {
    return new Promise((resolve, reject) => {
      const box = vscode.window.createInputBox();
      box.title = step.title;
      if (counted) {
        box.step = this.step + 1;
        box.totalSteps = this.totalSteps;
      }
      box.prompt = step.prompt;
      box.value = step.value ?? '';
      box.placeholder = step.placeholder;
      box.password = step.password ?? false;
      box.ignoreFocusOut = true;
      box.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      const disposables: vscode.Disposable[] = [];
      const done = (action: () => void): void => {
        for (const d of disposables) d.dispose();
        box.dispose();
        action();
      };
      disposables.push(
        box.onDidTriggerButton(() => done(() => reject(new Back()))),
        box.onDidChangeValue((value) => {
          box.validationMessage = step.validate?.(value);
        }),
        box.onDidAccept(() => {
          const message = step.validate?.(box.value);
          if (message) {
            box.validationMessage = message;
            return;
          }
          done(() => resolve(box.value));
        }),
        box.onDidHide(() => done(() => reject(new Cancelled()))),
      );
      box.show();
      quickInputShown.fire(box);
    });
  }

  showPick<T>(step: PickStep<T>, counted = true): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
      pick.title = step.title;
      if (counted) {
        pick.step = this.step + 1;
        pick.totalSteps = this.totalSteps;
      }
      pick.placeholder = step.placeholder;
      pick.items = step.items;
      pick.canSelectMany = step.canPickMany ?? false;
      pick.ignoreFocusOut = true;
      // Selecting an item of a single-choice pick accepts it at once: only highlight the current choice there.
      const current = step.items.filter((i) => step.selected?.includes(i.value));
      if (current.length && pick.canSelectMany) pick.selectedItems = current;
      else if (current.length) pick.activeItems = current;
      pick.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      const disposables: vscode.Disposable[] = [];
      const done = (action: () => void): void => {
        for (const d of disposables) d.dispose();
        pick.dispose();
        action();
      };
      disposables.push(
        pick.onDidTriggerButton(() => done(() => reject(new Back()))),
        pick.onDidAccept(() => {
          const chosen = pick.canSelectMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
          done(() => resolve(chosen.map((i) => i.value)));
        }),
        pick.onDidHide(() => done(() => reject(new Cancelled()))),
      );
      pick.show();
      quickInputShown.fire(pick);
    });
  }
}
