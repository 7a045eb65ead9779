import vscode = require('vscode');
import { Redactor } from '../common/redact';

/**
 * The extension's one log: a LogOutputChannel named "Bedrock Mantle". Every line passes through the Redactor, so a
 * secret cannot reach the Output view even at trace level.
 */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(readonly redactor: Redactor) {
    this.channel = vscode.window.createOutputChannel('Bedrock Mantle', { log: true });
  }

  trace(msg: string): void { this.channel.trace(this.redactor.redact(msg)); }
  debug(msg: string): void { this.channel.debug(this.redactor.redact(msg)); }
  info(msg: string): void { this.channel.info(this.redactor.redact(msg)); }
  warn(msg: string): void { this.channel.warn(this.redactor.redact(msg)); }
  error(msg: string, err?: unknown): void {
    const detail = err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : err === undefined ? '' : String(err);
    this.channel.error(this.redactor.redact(detail ? `${msg}: ${detail}` : msg));
  }

  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
