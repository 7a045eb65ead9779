// Which workspace paths the chat's tools may touch, decided without I/O so every rule is unit-tested. A path a model
// asks for is untrusted input: it must be relative to a workspace folder, stay inside it (no `..`, no absolute path,
// no drive letter or URI scheme), and not name something that looks like a secret. The I/O side (src/vscode/tools)
// adds the checks that need the file system: the real path after symlinks must still be inside the folder, and
// files.exclude / .gitignore matches are refused.
export type PathVerdict = { ok: true; path: string } | { ok: false; reason: string };

/** File names that usually hold credentials: refused even inside the workspace. */
const SECRET_NAMES = [
  /^\.env(\..*)?$/i, /^\.npmrc$/i, /^\.pypirc$/i, /^\.netrc$/i, /^\.git-credentials$/i, /^\.htpasswd$/i,
  /^credentials(\.\w+)?$/i, /^secrets?(\.\w+)?$/i, /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/i,
  /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|asc|gpg)$/i, /^\.?aws$/i, /^terraform\.tfstate(\.backup)?$/i,
];
/** Folders whose whole content is private (version-control internals, cloud and SSH configuration). */
const SECRET_DIRS = [/^\.git$/i, /^\.ssh$/i, /^\.aws$/i, /^\.gnupg$/i, /^\.docker$/i, /^\.kube$/i];

/** True when a file or folder name looks like it holds secrets. */
export function looksSecret(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const name = segments[segments.length - 1] ?? '';
  if (SECRET_NAMES.some((r) => r.test(name))) return true;
  return segments.some((s) => SECRET_DIRS.some((r) => r.test(s)));
}

/**
 * Normalises a path the model gave into a workspace-relative path with `/` separators, or refuses it. `.` and empty
 * mean the folder itself (for listing). `./a//b/` becomes `a/b`.
 */
export function checkToolPath(raw: unknown): PathVerdict {
  if (typeof raw !== 'string') return { ok: false, reason: 'The path must be a string.' };
  if (raw.length > 1024) return { ok: false, reason: 'The path is too long.' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(raw)) return { ok: false, reason: 'The path contains control characters.' };
  const unified = raw.trim().replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(unified)) return { ok: false, reason: 'Only paths inside the workspace are allowed (no drive letters or URIs).' };
  if (unified.startsWith('/') || unified.startsWith('~')) return { ok: false, reason: 'Only paths relative to the workspace are allowed.' };
  const segments = unified.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { ok: false, reason: 'Paths may not leave the workspace (no "..").' };
  const path = segments.join('/');
  if (path && looksSecret(path)) return { ok: false, reason: `${path} looks like it holds secrets, so the tools do not read it.` };
  return { ok: true, path };
}

/** After the file system resolved symlinks: is `resolved` the folder `root` or inside it? Both absolute, `/`-separated. */
export function isInside(root: string, resolved: string): boolean {
  const r = root.replace(/\/+$/, '');
  return resolved === r || resolved.startsWith(`${r}/`);
}
