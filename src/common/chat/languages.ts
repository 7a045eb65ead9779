// Fence labels as models write them ("ts", "py", "sh") → VS Code language ids, for "Open in New Editor".

const ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript',
  py: 'python', python3: 'python', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', zsh: 'shellscript', console: 'shellscript',
  yml: 'yaml', md: 'markdown', cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', h: 'c', rs: 'rust', kt: 'kotlin',
  rb: 'ruby', golang: 'go', ps1: 'powershell', psm1: 'powershell', dockerfile: 'dockerfile', jsonc: 'jsonc', text: 'plaintext', txt: 'plaintext',
  html: 'html', xml: 'xml', svg: 'xml', objc: 'objective-c', patch: 'diff',
};

/** The VS Code language id for a fence label; unknown labels are returned lower-cased for the host to check. */
export function languageIdForFence(label: string): string {
  const key = label.trim().toLowerCase();
  return ALIASES[key] ?? (key || 'plaintext');
}
