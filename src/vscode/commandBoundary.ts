// The boundary of every command the extension registers: whatever its handler throws is logged with its stack,
// redacted and shown as one sentence with the error's fix-it buttons (ErrorPresenter.show), and the command resolves
// with undefined instead of rejecting into VS Code's generic "command failed" toast.
import * as vscode from 'vscode';

export interface ShowsErrors {
  show(err: unknown, what: string, opts?: { retry?: () => unknown }): Promise<void>;
}

/**
 * Registers `id`; a failure is reported as "`what` failed: …". The handler's result is passed through, so callers
 * of executeCommand (tests, other extensions) still get it.
 */
export function registerGuarded<A extends unknown[], R>(errors: ShowsErrors, id: string, what: string, handler: (...args: A) => R | Thenable<R>): vscode.Disposable {
  return vscode.commands.registerCommand(id, guarded(errors, what, handler));
}

/** The same boundary around a function that is not a registered command (a menu entry, a button's callback). */
export function guarded<A extends unknown[], R>(errors: ShowsErrors, what: string, handler: (...args: A) => R | Thenable<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (err) {
      void errors.show(err, what);
      return undefined;
    }
  };
}
