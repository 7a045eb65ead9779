// Streams a model's reasoning into chat Markdown as a block quote, delta by delta. VS Code's stable chat API has no
// "thinking" part for participants, so a quote above the answer is how the reasoning stays visible (and optional,
// per bedrockMantle.chat.showReasoning). Every line must start with "> ", including lines a delta splits in two.

export class QuoteStream {
  private atLineStart = true;
  private started = false;

  /** The Markdown to append for one reasoning delta. */
  push(delta: string): string {
    let out = this.started ? '' : '> *Reasoning*\n>\n';
    this.started = true;
    for (const ch of delta) {
      if (this.atLineStart) out += '> ';
      out += ch;
      this.atLineStart = ch === '\n';
    }
    return out;
  }

  /** The Markdown that ends the quote before the answer begins ('' when no reasoning was quoted). */
  close(): string {
    if (!this.started) return '';
    const end = this.atLineStart ? '\n' : '\n\n';
    this.started = false;
    this.atLineStart = true;
    return end;
  }
}
