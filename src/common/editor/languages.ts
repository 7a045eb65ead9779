// VS Code language ids are not always what a model (or a Markdown fence) knows a language by: "typescriptreact" is
// TSX, "shellscript" is bash. These two small maps translate the common ones; anything else passes through unchanged.

const DISPLAY_NAMES: Record<string, string> = {
  typescript: 'TypeScript', typescriptreact: 'TypeScript (TSX)', javascript: 'JavaScript', javascriptreact: 'JavaScript (JSX)',
  python: 'Python', java: 'Java', csharp: 'C#', cpp: 'C++', c: 'C', go: 'Go', rust: 'Rust', ruby: 'Ruby', php: 'PHP',
  kotlin: 'Kotlin', swift: 'Swift', scala: 'Scala', shellscript: 'shell script', powershell: 'PowerShell', sql: 'SQL',
  html: 'HTML', css: 'CSS', scss: 'SCSS', json: 'JSON', jsonc: 'JSON with comments', yaml: 'YAML', markdown: 'Markdown',
  dockerfile: 'Dockerfile', makefile: 'Makefile', lua: 'Lua', r: 'R', dart: 'Dart', haskell: 'Haskell', elixir: 'Elixir',
  plaintext: 'plain text',
};

const FENCE_TAGS: Record<string, string> = {
  typescriptreact: 'tsx', javascriptreact: 'jsx', shellscript: 'bash', csharp: 'csharp', plaintext: 'text', jsonc: 'jsonc',
};

export function languageDisplayName(languageId: string): string {
  return DISPLAY_NAMES[languageId] ?? languageId;
}

export function fenceTag(languageId: string): string {
  return FENCE_TAGS[languageId] ?? languageId;
}

/** Fence tags a model may use for code in this language, so a reply's blocks can be matched to the document. */
export function fenceTagsFor(languageId: string): string[] {
  const tags = new Set([languageId, fenceTag(languageId)]);
  const aliases: Record<string, string[]> = {
    typescript: ['ts'], typescriptreact: ['ts', 'typescript'], javascript: ['js'], javascriptreact: ['js', 'javascript'],
    python: ['py', 'python3'], shellscript: ['sh', 'shell', 'zsh'], csharp: ['cs', 'c#'], cpp: ['c++', 'cc', 'cxx'],
    rust: ['rs'], ruby: ['rb'], kotlin: ['kt'], go: ['golang'], yaml: ['yml'], markdown: ['md'],
  };
  for (const a of aliases[languageId] ?? []) tags.add(a);
  return [...tags];
}
