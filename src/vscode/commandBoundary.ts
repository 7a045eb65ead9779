// The boundary of every command the extension registers: whatever its handler throws is logged with its stack,
// redacted and shown as one sentence with the error's fix-it buttons (ErrorPresenter.show), and the command resolves
// with undefined instead of rejecting into VS Code's generic "command failed" toast. The text shown is the
// ErrorPresenter's (errorPresenter.ts format()): redacted and made inert (common/inertText.ts), because an error's
// message may quote a setting, a file name or a server, and VS Code would render link or icon syntax in it.
import vscode = require('vscode');

/** The ErrorPresenter (container.errors); an implementation must show only redacted, inert() text. */
export interface ShowsErrors {
  show(err: unknown, what: string, opts?: { retry?: () => unknown }): Promise<void>;
}

/**
 * Registers `id`; a failure is reported as "`what` failed: …". The handler's result is passed through, so callers
 * of executeCommand (tests, other extensions) still get it.
 */
export function registerGuarded<A extends unknown[], R>(
  errors: ShowsErrors, id: string, what: string, handler: (...args: A) => R | Thenable<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, guarded(errors, what, handler));
}

/** The same boundary around a function that is not a registered command (a menu entry, a button's callback). */
export function guarded<A extends unknown[], R>(
  errors: ShowsErrors, what: string, handler: (...args: A) => R | Thenable<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (err) {
      void errors.show(err, what);
      return undefined;
    }
  };
}
