// The @mantle chat participant: /explain, /fix and /tests on the active selection with the coder model, and plain
// chat with the chat model. It talks to Mantle through the extension's one client (not through vscode.lm), so it
// works whether or not the person's Copilot plan shows third-party models in the picker, and it can show reasoning.
import vscode = require('vscode');
import {
  commandPrompt, followupsFor, historyFromTurns, isParticipantCommand, participantMessages, PARTICIPANT_INSTRUCTIONS, withAttachments,
  type ParticipantCommand, type ParticipantMetadata, type TurnLike,
} from '../../common/lm/participantPrompt';
import { QuoteStream } from '../../common/lm/reasoningQuote';
import { PREFER_RESPONSES, streamStateless } from '../../common/mantle/turnEngine';
import type { ApiKind } from '../../common/mantle/types';
import { effortFor } from '../../common/models/reasoningEfforts';
import { commandActions } from '../../common/errorActions';
import { isMantleError } from '../../common/mantle/errors';
import { activeSelection } from './activeSelection';
import type { LmDeps } from './lmDeps';
import { abortSignalFor } from './lmErrors';
import { referencedCode } from './referencedCode';
import { LM_VENDOR } from './mantleChatProvider';
import { PARTICIPANT_ID } from '../surfaceIds';

export { PARTICIPANT_ID };

/** The participant activation created (src/vscode/standIns.ts): connect() hands its requests to the real handler. */
export interface ParticipantSurface {
  connect(handler: ParticipantHandler): vscode.Disposable;
}
export type ParticipantHandler = Pick<MantleParticipant, 'handle' | 'provideFollowups'>;

export class MantleParticipant implements vscode.Disposable {
  private readonly connection: vscode.Disposable;

  constructor(private readonly deps: LmDeps, surface: ParticipantSurface) {
    this.connection = surface.connect(this);
  }

  provideFollowups(result: vscode.ChatResult): vscode.ChatFollowup[] {
    const command = (result.metadata as Partial<ParticipantMetadata> | undefined)?.command;
    if (result.errorDetails) return [];
    return followupsFor(command).map((f) => ({ prompt: f.prompt, label: f.label, command: f.command }));
  }

  /** The request handler (public so the extension-host tests can drive it with a recording response stream). */
  async handle(
    request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken,
  ): Promise<vscode.ChatResult> {
    const command = isParticipantCommand(request.command) ? request.command : undefined;
    const sent = await this.userMessage(request, command, stream);
    if (sent === undefined) return {};

    const model = this.modelFor(request, command !== undefined);
    // The API the router picked for the request that answered (or the last one tried).
    let api: ApiKind = 'chat';
    const history = historyFromTurns(context.history as readonly TurnLike[], PARTICIPANT_ID);
    const quote = new QuoteStream();
    const showReasoning = this.deps.settings.chatShowReasoning;
    let thinkingShown = false;
    let answer = '';
    const abort = abortSignalFor(token);
    try {
      // Stateless like the provider: VS Code owns the history and replays it, so there is no chain to keep.
      const result = await streamStateless(this.deps.turns, model, (first) => {
        api = first;
        return {
          model,
          api: first,
          messages: participantMessages(history, sent),
          instructions: PARTICIPANT_INSTRUCTIONS,
          ...(first === 'responses' ? { store: false, reasoningEffort: effortFor(model, this.deps.settings.chatReasoningEffort) } : {}),
          // Claude thinks only when asked (Messages): the chat's effort, shown or hidden like any model's reasoning.
          ...(first === 'messages' ? { reasoningEffort: effortFor(model, this.deps.settings.chatReasoningEffort) } : {}),
        };
      }, (e) => {
        if (e.kind === 'reasoning') {
          if (showReasoning) stream.markdown(quote.push(e.delta));
          else if (!thinkingShown) stream.progress('Thinking…');
          thinkingShown = true;
        } else if (e.kind === 'text') {
          const end = quote.close();
          answer += e.delta;
          stream.markdown(end + e.delta);
        }
      }, abort.signal, PREFER_RESPONSES);
      const metadata: ParticipantMetadata = { command, model, api: result.api, sent, answer: result.text || answer };
      return { metadata };
    } catch (e) {
      if (token.isCancellationRequested || (isMantleError(e) && e.kind === 'cancelled')) {
        // No answer recorded: like the extension's own chat, a stopped turn is never replayed as context.
        return { metadata: { command, model, api, sent, answer: '' } satisfies ParticipantMetadata };
      }
      this.deps.log.error(`@mantle ${command ? `/${command}` : 'chat'} with ${model}`, e);
      for (const { spec } of commandActions(isMantleError(e) ? e.actions : ['showLogs'])) {
        stream.button({ command: spec.command.id, title: spec.label, arguments: [...spec.command.args] });
      }
      // MantleErrors are redacted where they are made; anything else is redacted here before it is shown.
      return { errorDetails: { message: this.deps.log.redactor.redact(e instanceof Error ? e.message : String(e)) } };
    } finally {
      abort.dispose();
    }
  }

  /**
   * The user message to send, or undefined when the handler already answered (nothing to work on, too long).
   * Code attached in the chat (#file, #selection, the chat's own editor context) comes first; a command without any
   * falls back to the active editor's selection, or its whole file.
   */
  private async userMessage(
    request: vscode.ChatRequest, command: ParticipantCommand | undefined, stream: vscode.ChatResponseStream,
  ): Promise<string | undefined> {
    const max = this.deps.settings.editorMaxSelectionChars;
    const attached = await referencedCode(request.references ?? []);
    const size = attached.reduce((n, a) => n + a.code.length, 0);
    if (size > max) {
      stream.markdown(`The attached code has ${size.toLocaleString('en-US')} characters, more than bedrockMantle.editor.maxSelectionChars (${max.toLocaleString('en-US')}). Attach less.`);
      return undefined;
    }
    if (!command) {
      if (!request.prompt.trim()) {
        stream.markdown('Ask me anything, or use **/explain**, **/fix** or **/tests** on the code selected in your editor.');
        return undefined;
      }
      return withAttachments(request.prompt, attached);
    }
    let target = attached[0];
    let wholeFile = false;
    if (!target) {
      const sel = activeSelection(max);
      if (!sel.ok) {
        stream.markdown(sel.reason);
        return undefined;
      }
      target = sel.selection;
      wholeFile = sel.wholeFile;
    }
    stream.progress(wholeFile ? `No selection: using all of ${target.file}` : `Using ${target.file}, lines ${target.startLine}-${target.endLine}`);
    return withAttachments(commandPrompt(command, target, request.prompt), attached.slice(1));
  }

  /**
   * Commands use the coder model. Plain chat uses the Mantle model picked in the chat's model picker when there is
   * one (the person chose it), else the default chat model.
   */
  private modelFor(request: vscode.ChatRequest, coder: boolean): string {
    if (coder) return this.deps.settings.coderDefaultModel;
    const picked = request.model as vscode.LanguageModelChat | undefined;
    return picked?.vendor === LM_VENDOR ? picked.id : this.deps.settings.chatDefaultModel;
  }

  dispose(): void {
    this.connection.dispose();
  }
}
