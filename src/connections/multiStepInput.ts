import * as vscode from 'vscode';

/** Thrown by a step when the user pressed the Back button. */
class Back extends Error {}

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

/**
 * A multi-step QuickInput with a Back button, as in VS Code's own multi-step samples: each
 * step is a function of the answers so far; Back re-runs the previous step with its old value.
 */
export class MultiStepInput {
  private step = 0;
  private totalSteps = 1;

  /**
   * Runs the steps in order; a step that does not apply returns 'skip' (and is skipped in both
   * directions). Resolves false when the user cancels.
   */
  static async run(steps: ((input: MultiStepInput) => Promise<void | 'skip'>)[]): Promise<boolean> {
    const input = new MultiStepInput();
    input.totalSteps = steps.length;
    let goingBack = false;
    while (input.step < steps.length) {
      try {
        const result = await steps[input.step](input);
        if (result === 'skip' && goingBack && input.step > 0) {
          input.step--;
          continue;
        }
        goingBack = false;
        input.step++;
      } catch (error) {
        if (error instanceof Back) {
          goingBack = true;
          input.step = Math.max(0, input.step - 1);
        } else if (error instanceof Cancelled) return false;
        else throw error;
      }
    }
    return true;
  }

  showInput(step: InputStep): Promise<string> {
    return new Promise((resolve, reject) => {
      const box = vscode.window.createInputBox();
      box.title = step.title;
      box.step = this.step + 1;
      box.totalSteps = this.totalSteps;
      box.prompt = step.prompt;
      box.value = step.value ?? '';
      box.placeholder = step.placeholder;
      box.password = step.password ?? false;
      box.ignoreFocusOut = true;
      box.buttons = this.step > 0 ? [vscode.QuickInputButtons.Back] : [];
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
    });
  }

  showPick<T>(step: PickStep<T>): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
      pick.title = step.title;
      pick.step = this.step + 1;
      pick.totalSteps = this.totalSteps;
      pick.placeholder = step.placeholder;
      pick.items = step.items;
      pick.canSelectMany = step.canPickMany ?? false;
      pick.ignoreFocusOut = true;
      // Selecting an item of a single-choice pick accepts it at once: only highlight the current choice there.
      const current = step.items.filter((i) => step.selected?.includes(i.value));
      if (current.length && pick.canSelectMany) pick.selectedItems = current;
      else if (current.length) pick.activeItems = current;
      pick.buttons = this.step > 0 ? [vscode.QuickInputButtons.Back] : [];
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
    });
  }
}

class Cancelled extends Error {}
