// Instruction files a workspace keeps for assistants, added to the turn's instructions automatically (shown as a chip
// the person can switch off). The bedrockMantle.chat.instructionsFile setting may name another file, but only inside
// the workspace: a cloned repository must not be able to make the extension read ~/.ssh/id_rsa and send it.

/** Looked for at the workspace root, in this order; the first that exists is used. */
export const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md'] as const;

export type SettingPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The setting's value as a workspace-relative path with forward slashes, or why it is refused: absolute paths, drive
 * letters, `~`, URIs and any `..` segment that would leave the workspace folder.
 */
export function instructionsSettingPath(value: string): SettingPath {
  const v = value.trim();
  if (!v) return { ok: false, reason: 'empty' };
  const refuse = { ok: false as const, reason: `bedrockMantle.chat.instructionsFile must be a path inside the workspace folder; "${v.slice(0, 80)}" is not, so it was ignored.` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('/') || v.startsWith('\\') || v.startsWith('~')) return refuse;
  const out: string[] = [];
  for (const seg of v.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (!out.length) return refuse; out.pop(); continue; }
    out.push(seg);
  }
  return out.length ? { ok: true, path: out.join('/') } : refuse;
}

/** The paths to try, the setting's first. A refused setting is reported once through `onRefused` and skipped. */
export function instructionCandidates(setting: string, onRefused?: (reason: string) => void): string[] {
  const fromSetting = instructionsSettingPath(setting);
  if (!fromSetting.ok && fromSetting.reason !== 'empty') onRefused?.(fromSetting.reason);
  const list: string[] = fromSetting.ok ? [fromSetting.path] : [];
  for (const f of INSTRUCTION_FILES) if (!list.includes(f)) list.push(f);
  return list;
}

/** The turn's instructions with the workspace's file after the extension's own (if any). */
export function withWorkspaceInstructions(base: string | undefined, file: { path: string; text: string } | undefined): string | undefined {
  if (!file || !file.text.trim()) return base;
  const block = `Instructions from the workspace file ${file.path}:\n${file.text.trim()}`;
  return base?.trim() ? `${base.trim()}\n\n${block}` : block;
}
