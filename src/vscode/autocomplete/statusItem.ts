// The autocomplete status bar item: off / on / thinking / backing off, with the last request's latency; a click
// toggles autocomplete. It is the only thing autocomplete builds while it is off.
import vscode = require('vscode');
import { COMMAND } from '../../common/commandIds';
import type { EngineStatus } from '../../common/autocomplete/completionEngine';

export class AutocompleteStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('bedrockMantle.autocomplete', vscode.StatusBarAlignment.Right, 99);
  private enabled = false;
  private status: EngineStatus = { kind: 'idle' };
  private model = '';

  constructor() {
    this.item.name = 'Bedrock Mantle Autocomplete';
    this.item.command = COMMAND.toggleAutocomplete;
    this.render();
    this.item.show();
  }

  get text(): string { return this.item.text; }

  setEnabled(enabled: boolean, model: string): void {
    this.enabled = enabled;
    this.model = model;
    if (!enabled) this.status = { kind: 'idle' };
    this.render();
  }

  setStatus(status: EngineStatus): void {
    this.status = status;
    this.render();
  }

  private render(): void {
    if (!this.enabled) {
      this.item.text = '$(circle-slash) Mantle';
      this.item.tooltip = 'Bedrock Mantle autocomplete is off. Click to turn it on.';
      return;
    }
    const s = this.status;
    const latency = s.kind === 'idle' && s.lastLatencyMs !== undefined ? ` ${s.lastLatencyMs} ms` : '';
    this.item.text = s.kind === 'thinking' ? '$(loading~spin) Mantle'
      : s.kind === 'backoff' ? '$(watch) Mantle'
        : s.kind === 'error' ? '$(warning) Mantle'
          : `$(sparkle) Mantle${latency}`;
    const state = s.kind === 'thinking' ? 'asking the model…'
      : s.kind === 'backoff' ? `paused after a 429 until ${new Date(s.untilMs).toLocaleTimeString()}`
        : s.kind === 'error' ? 'the last request failed (see Show Logs)'
          : s.lastLatencyMs !== undefined ? `last completion took ${s.lastLatencyMs} ms` : 'waiting for typing';
    this.item.tooltip = `Bedrock Mantle autocomplete with ${this.model}: ${state}. Click to turn it off.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
