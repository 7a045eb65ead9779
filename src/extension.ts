import type * as vscode from 'vscode';
import { Container } from './container';

// activate() only builds the composition root; everything else is created and owned there.
export function activate(context: vscode.ExtensionContext): Container {
  const container = new Container(context);
  context.subscriptions.push(container);
  return container;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
