// Mantle's models in VS Code's own model picker and in vscode.lm (vendor "bedrock-mantle"). Every request goes
// through the extension's one client, so auth, Region, retries, stall detection and logging are the same as in
// our own chat.
import * as vscode from 'vscode';
import { toChatMessages } from '../../common/lm/messages';
import { modelInfos } from '../../common/lm/modelInfo';
import { estimateMessageTokens, estimateTextTokens } from '../../common/lm/tokenEstimate';
import { isMantleError } from '../../common/mantle/errors';
import { PREFER_RESPONSES, streamStateless } from '../../common/mantle/turnEngine';
import { effortFor } from '../../common/models/reasoningEfforts';
import type { LmDeps } from './lmDeps';
import { abortSignalFor, toLanguageModelError } from './lmErrors';

export const LM_VENDOR = 'bedrock-mantle';

export class MantleChatProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: LmDeps) {
    this.subscription = deps.onDidChangeModels(() => this.changed.fire());
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions, _token: vscode.CancellationToken): Promise<vscode.LanguageModelChatInformation[]> {
    try {
      const ids = await this.deps.modelIds();
      return modelInfos(ids, (id) => this.deps.apiFor(id));
    } catch (e) {
      // Without credentials there are no models to offer. Asked silently (VS Code does so at start-up) we say
      // nothing; asked on behalf of the person (the picker's "Manage Models"), we show the fix-it notification.
      this.deps.log.debug(`Language models: listing failed (the models service logs why): ${e instanceof Error ? e.message : String(e)}`);
      if (!options.silent && !(isMantleError(e) && e.kind === 'cancelled')) this.deps.showError(e, 'Listing Bedrock Mantle models');
      return [];
    }
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { messages: conversation, droppedParts } = toChatMessages(messages);
    if (droppedParts) this.deps.log.debug(`Language models: ${droppedParts} non-text part(s) left out of the request to ${model.id} (text only)`);
    if (options.tools?.length) this.deps.log.debug(`Language models: ${options.tools.length} tool(s) offered to ${model.id} ignored: tool calling is not supported`);
    // Stateless on purpose: VS Code passes the whole conversation on every call and no stable conversation id, so
    // there is no safe place to keep a previous_response_id (a chain would break on every edit, retry or branch the
    // editor makes). We send the history, and store:false keeps these turns off the server since nothing chains.
    const abort = abortSignalFor(token);
    let reasoningChars = 0;
    try {
      const result = await streamStateless(this.deps.turns, model.id, (api) => ({
        model: model.id,
        api,
        messages: conversation,
        ...(api === 'responses' ? { store: false, reasoningEffort: effortFor(model.id, this.deps.settings.chatReasoningEffort) } : {}),
      }), (e) => {
        if (e.kind === 'text') progress.report(new vscode.LanguageModelTextPart(e.delta));
        // VS Code 1.104's stable API has no part for reasoning (LanguageModelThinkingPart is still a proposed API
        // that published extensions cannot enable), so it is counted and logged rather than mixed into the answer.
        else if (e.kind === 'reasoning') reasoningChars += e.delta.length;
      }, abort.signal, PREFER_RESPONSES);
      this.deps.log.info(`Language models: ${model.id} answered via ${result.api} in ${result.totalMs} ms` +
        (result.usage ? ` (${result.usage.inputTokens} in / ${result.usage.outputTokens} out tokens)` : '') +
        (reasoningChars ? `; ${reasoningChars} characters of reasoning not shown (no stable reasoning part in VS Code's API)` : ''));
    } catch (e) {
      const mapped = toLanguageModelError(e, token);
      if (!(mapped instanceof vscode.CancellationError)) this.deps.log.warn(`Language models: ${model.id}: ${e instanceof Error ? e.message : String(e)}`);
      throw mapped;
    } finally {
      abort.dispose();
    }
  }

  async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage, _token: vscode.CancellationToken): Promise<number> {
    if (typeof text === 'string') return estimateTextTokens(text);
    return estimateMessageTokens(toChatMessages([text]).messages[0]?.content ?? '');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
