// Inline completions from a Mantle coder model, off until the person turns them on. While off, only the toggle
// command and the status bar item exist: no provider is registered, so the editor never asks and nothing is sent.
// Turning it on builds the engine and registers the provider; turning it off cancels what is pending and drops both.
import vscode = require('vscode');
import { COMMAND } from '../../common/commandIds';
import { CompletionEngine } from '../../common/autocomplete/completionEngine';
import { requestCompletion } from '../../common/autocomplete/completionTurn';
import { EDITABLE_SCHEMES } from '../../common/autocomplete/eligibility';
import type { TurnEngine } from '../../common/mantle/turnEngine';
import { registerGuarded } from '../commandBoundary';
import type { Log } from '../log';
import type { Settings } from '../settings';
import { InlineProvider } from './inlineProvider';
import { AutocompleteStatusItem } from './statusItem';

export interface AutocompleteServices {
  readonly log: Log;
  readonly settings: Pick<Settings, 'autocomplete' | 'onDidChange' | 'affects' | 'update'>;
  /** The turn engine every feature's requests go through. */
  readonly turns: TurnEngine;
  readonly errors: { show(err: unknown, what: string): Promise<void> };
}

/** Every document a person edits, saved or untitled (the provider checks language and exclusions per document). */
const EDITABLE_DOCUMENTS: vscode.DocumentSelector = EDITABLE_SCHEMES.map((scheme) => ({ scheme }));

export class AutocompleteFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly status: AutocompleteStatusItem;
  /** Present only while autocomplete is on. */
  private active: { engine: CompletionEngine; provider: InlineProvider; registration: vscode.Disposable } | undefined;

  constructor(private readonly services: AutocompleteServices) {
    this.status = new AutocompleteStatusItem();
    this.disposables.push(
      this.status,
      registerGuarded(services.errors, COMMAND.toggleAutocomplete, 'Bedrock Mantle autocomplete', () => this.toggle()),
      services.settings.onDidChange((e) => { if (services.settings.affects(e, ['autocomplete'])) this.apply(); }),
    );
    this.apply();
  }

  /** The running engine and provider (tests and the bench read them); undefined while autocomplete is off. */
  get engine(): CompletionEngine | undefined { return this.active?.engine; }
  get provider(): InlineProvider | undefined { return this.active?.provider; }

  async toggle(): Promise<void> {
    const on = !this.services.settings.autocomplete.enabled;
    await this.services.settings.update('autocomplete.enabled', on);
    this.apply();
    void vscode.window.setStatusBarMessage(`Bedrock Mantle autocomplete ${on ? 'on' : 'off'}`, 3000);
  }

  private apply(): void {
    const s = this.services.settings.autocomplete;
    this.status.setEnabled(s.enabled, s.model);
    if (s.enabled && !this.active) this.start();
    if (!s.enabled && this.active) this.stop();
  }

  private start(): void {
    const { log, turns } = this.services;
    const current = () => this.services.settings.autocomplete;
    const engine = new CompletionEngine({
      model: () => current().model,
      mode: () => current().mode,
      debounceMs: () => current().debounceMs,
      maxRequestsPerMinute: () => current().maxRequestsPerMinute,
      send: (req, signal, onFirstToken) => requestCompletion(turns, req, signal, onFirstToken),
      log: (level, message) => log[level](message),
      onStatus: (status) => this.status.setStatus(status),
    });
    const provider = new InlineProvider(engine, current);
    const registration = vscode.languages.registerInlineCompletionItemProvider(EDITABLE_DOCUMENTS, provider);
    this.active = { engine, provider, registration };
    log.info(`Autocomplete on (model ${current().model}, ${current().mode})`);
  }

  private stop(): void {
    if (!this.active) return;
    this.active.engine.cancelPending();
    this.active.registration.dispose();
    this.active = undefined;
    this.services.log.info('Autocomplete off');
  }

  dispose(): void {
    this.stop();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
