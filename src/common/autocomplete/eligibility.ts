// Which documents autocomplete may read at all. A file that holds secrets must never be sent, whatever the language
// settings say, so the exclusion globs are checked first and their default covers the usual secret files.

/** Files excluded unless the person changes bedrockMantle.autocomplete.exclude (package.json repeats this default). */
export const DEFAULT_EXCLUDE: readonly string[] = [
  '**/.env', '**/.env.*', '**/*.env', '**/.envrc', '**/.npmrc', '**/.pypirc', '**/.netrc', '**/*.pem', '**/*.key',
  '**/.aws/credentials', '**/.aws/config', '**/id_rsa*', '**/id_ed25519*',
];

/** `bedrockMantle.autocomplete.languages`: language id → on/off, with "*" for every other language (on when absent). */
export function languageEnabled(languages: Readonly<Record<string, boolean>>, languageId: string): boolean {
  return languages[languageId] ?? languages['*'] ?? true;
}

/** URI schemes of documents a person edits; output panes, the SCM input and settings editors are not among them. */
export const EDITABLE_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];
