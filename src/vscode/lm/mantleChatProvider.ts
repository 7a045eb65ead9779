// Mantle's models in VS Code's own model picker and in vscode.lm (vendor "bedrock-mantle"). Every request goes
// through the extension's one client, so auth, Region, retries, stall detection and logging are the same as in
// our own chat.
import vscode = require('vscode');
import { malformedCallText, toolChoiceFor, toToolDefinitions } from '../../common/lm/lmTools';
import { toChatMessages } from '../../common/lm/messages';
import { modelInfos } from '../../common/lm/modelInfo';
import { estimateMessageTokens, estimateTextTokens } from '../../common/lm/tokenEstimate';
import { isMantleError } from '../../common/mantle/errors';
import { PREFER_RESPONSES, streamStateless } from '../../common/mantle/turnEngine';
import { effortFor } from '../../common/models/reasoningEfforts';
import type { LmDeps } from './lmDeps';
import { abortSignalFor, toLanguageModelError } from './lmErrors';

export { LM_VENDOR } from '../surfaceIds';

export class MantleChatProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly announcedToolless = new Set<string>();

  constructor(private readonly deps: LmDeps) {
    this.subscription = deps.onDidChangeModels(() => this.changed.fire());
  }

  async provideLanguageModelChatInformation(
    options: vscode.PrepareLanguageModelChatModelOptions, _token: vscode.CancellationToken,
  ): Promise<vscode.LanguageModelChatInformation[]> {
    try {
      const ids = await this.deps.modelIds();
      return modelInfos(ids, (id) => this.deps.apiFor(id), (id) => this.deps.isToolless?.(id) ?? false);
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
    const tools = toToolDefinitions(options.tools);
    const toolChoice = toolChoiceFor(options.toolMode, tools);
    const thinkingPart = thinkingPartClass();
    // Stateless on purpose: VS Code passes the whole conversation on every call and no stable conversation id, so
    // there is no safe place to keep a previous_response_id (a chain would break on every edit, retry or branch the
    // editor makes). We send the history, and store:false keeps these turns off the server since nothing chains.
    const abort = abortSignalFor(token);
    let reasoningChars = 0;
    let calls = 0;
    try {
      const result = await streamStateless(this.deps.turns, model.id, (api) => ({
        model: model.id,
        api,
        messages: conversation,
        ...(tools.length ? { tools, ...(toolChoice ? { toolChoice } : {}) } : {}),
        ...(api === 'responses' ? { store: false, reasoningEffort: effortFor(model.id, this.deps.settings.chatReasoningEffort) } : {}),
      }), (e) => {
        if (e.kind === 'text') progress.report(new vscode.LanguageModelTextPart(e.delta));
        else if (e.kind === 'toolCall') {
          calls++;
          if (e.call.input) progress.report(new vscode.LanguageModelToolCallPart(e.call.id, e.call.name, e.call.input));
          else {
            this.deps.log.warn(`Language models: ${model.id} sent unusable arguments for ${e.call.name}: ${e.call.error ?? ''}`);
            progress.report(new vscode.LanguageModelTextPart(malformedCallText(e.call)));
          }
        } else if (e.kind === 'reasoning') {
          // VS Code 1.104's stable API has no part for reasoning; LanguageModelThinkingPart is a proposed API this
          // extension does not declare. Where the running editor has it anyway, it is used; otherwise the reasoning is
          // counted and logged rather than mixed into the answer.
          if (thinkingPart) progress.report(new thinkingPart(e.delta) as vscode.LanguageModelResponsePart);
          else reasoningChars += e.delta.length;
        }
      }, abort.signal, PREFER_RESPONSES);
      // The stable API has no way to report usage to VS Code, so it goes to the log.
      this.deps.log.info(`Language models: ${model.id} answered via ${result.api} in ${result.totalMs} ms` +
        (result.usage ? ` (${result.usage.inputTokens} in / ${result.usage.outputTokens} out tokens)` : '') +
        (calls ? `; ${calls} tool call(s)` : '') +
        (reasoningChars ? `; ${reasoningChars} characters of reasoning not shown (no stable reasoning part in VS Code's API)` : ''));
      this.noticeToolless(model.id, tools.length > 0);
    } catch (e) {
      this.noticeToolless(model.id, tools.length > 0);
      const mapped = toLanguageModelError(e, token);
      if (!(mapped instanceof vscode.CancellationError)) this.deps.log.warn(`Language models: ${model.id}: ${e instanceof Error ? e.message : String(e)}`);
      throw mapped;
    } finally {
      abort.dispose();
    }
  }

  /** A request with tools taught that the model refuses them: the picker is told, so it stops offering it for tools. */
  private noticeToolless(modelId: string, sentTools: boolean): void {
    if (sentTools && this.deps.isToolless?.(modelId) && !this.announcedToolless.has(modelId)) {
      this.announcedToolless.add(modelId);
      this.changed.fire();
    }
  }

  async provideTokenCount(
    _model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage, _token: vscode.CancellationToken,
  ): Promise<number> {
    if (typeof text === 'string') return estimateTextTokens(text);
    return estimateMessageTokens(toChatMessages([text]).messages[0]?.content ?? '');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

type ThinkingPartClass = new (value: string) => unknown;

/**
 * LanguageModelThinkingPart where the running VS Code exposes it (feature detection only: reading an API member the
 * extension has not declared may throw, and then there is simply no thinking part).
 */
function thinkingPartClass(): ThinkingPartClass | undefined {
  try {
    const candidate = (vscode as unknown as Record<string, unknown>)['LanguageModelThinkingPart'];
    return typeof candidate === 'function' ? (candidate as ThinkingPartClass) : undefined;
  } catch {
    return undefined;
  }
}
