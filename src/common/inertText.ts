// Text for VS Code's own chrome (notifications, progress messages, the status bar, quick picks) that came from a
// setting, a file name or a server. VS Code turns `[label](command:…)` in a notification into a live link that runs
// the command with its JSON arguments, and `$(name)` in the status bar or a quick pick into an icon, so a workspace's
// settings.json, a repository's file names or a server's error text could otherwise put a working button next to
// ours. Pure so every surface and the unit tests share one definition.

/** Long enough for any message of ours plus the interesting part of a server's; a 200 KB HTML page is cut here. */
export const MAX_INERT_CHARS = 1000;

// C0/C1 controls (a newline can push our own words out of a one-line toast) and the bidirectional overrides that can
// make `gpj.exe` read as `exe.jpg`.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes `value` safe to show in a notification, progress message, status bar item or quick pick: no link syntax
 * (`](` becomes `] (`, which VS Code's link pattern no longer matches), no icon syntax (`$(` becomes `$ (`), no
 * control or bidi-override characters, and at most `maxChars` characters. The words stay readable.
 */
export function inert(value: unknown, maxChars = MAX_INERT_CHARS): string {
  const text = String(value)
    .replace(CONTROLS, ' ')
    .replace(BIDI, '')
    .replace(/\]\s*\(/g, '] (')
    .replace(/\$\(/g, '$ (');
  if (text.length <= maxChars) return text;
  return `${text.slice(0, Math.max(0, maxChars - 1))}…`;
}

/** A value quoted inside a sentence ("… "x" is not valid"): inert and short, so a hostile value cannot fill the toast. */
export function quoteInert(value: unknown, maxChars = 80): string {
  return `"${inert(value, maxChars)}"`;
}
