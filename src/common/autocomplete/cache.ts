// A small cache keyed by the text before the cursor. When the person types the characters a completion suggested,
// the text before the cursor grows into "old prefix + start of the suggestion": the rest of the same suggestion is
// still right, so it is offered again without asking the model. This is also what keeps a shown completion from
// triggering requests while it is being typed through.

interface Entry {
  scope: string;
  prefix: string;
  completion: string;
}

export class PrefixCache {
  private entries: Entry[] = [];

  constructor(private readonly capacity = 32) {}

  /** `scope` separates documents (their URI): the same prefix in another file is another question. */
  set(scope: string, prefix: string, completion: string): void {
    this.entries = this.entries.filter((e) => !(e.scope === scope && e.prefix === prefix));
    this.entries.unshift({ scope, prefix, completion });
    this.entries.length = Math.min(this.entries.length, this.capacity);
  }

  /** The completion still to type at `prefix`: an exact hit, or the rest of a suggestion the person is typing through. */
  get(scope: string, prefix: string): string | undefined {
    for (const e of this.entries) {
      if (e.scope !== scope || !prefix.startsWith(e.prefix)) continue;
      const typed = prefix.slice(e.prefix.length);
      if (typed.length < e.completion.length && e.completion.startsWith(typed)) return e.completion.slice(typed.length);
    }
    return undefined;
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }
}
