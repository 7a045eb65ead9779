// A feature that is built on first use instead of at activation. Its commands are registered at once as stand-ins
// (so the Command Palette, menus, keybindings and other extensions find them); the first call of any of them — or
// the first get() from code — builds the feature, which registers the real commands in their place, and the call
// is then handed to the real command with its arguments. Building is synchronous, so no call can fall between the
// stand-ins going away and the real commands arriving.
import vscode = require('vscode');

export class LazyFeature<T extends vscode.Disposable> implements vscode.Disposable {
  private value: T | undefined;
  private standIns: vscode.Disposable[] = [];
  private disposed = false;

  constructor(private readonly commandIds: readonly string[], private readonly build: () => T) {
    this.registerStandIns();
  }

  /** True once the feature was built (for tests and the bench). */
  get built(): boolean {
    return this.value !== undefined;
  }

  /** The feature, built now if this is its first use. */
  get(): T {
    if (this.value) return this.value;
    if (this.disposed) throw new Error('the extension is being deactivated');
    for (const d of this.standIns.splice(0)) d.dispose();
    try {
      this.value = this.build();
    } catch (err) {
      // A feature that failed to build keeps its stand-ins, so the next call tries again (and reports again).
      this.registerStandIns();
      throw err;
    }
    return this.value;
  }

  private registerStandIns(): void {
    this.standIns = this.commandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => {
      this.get();
      return vscode.commands.executeCommand(id, ...args);
    }));
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.standIns.splice(0)) d.dispose();
    this.value?.dispose();
  }
}
