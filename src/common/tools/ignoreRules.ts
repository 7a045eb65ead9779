// Which workspace paths the chat's tools leave alone because the person said so: `files.exclude` globs and the
// workspace folder's top-level .gitignore. A small matcher for the common forms (`*`, `**`, `?`, a leading or inner
// `/` anchoring to the folder, a trailing `/` for folders, `!` re-including); anything it does not understand it
// ignores, never widening what the tools may read beyond the other checks (pathPolicy.ts).

/** A glob as a RegExp over a `/`-separated workspace-relative path. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, `**` at the end anything.
      if (glob[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

interface Rule { re: RegExp; negate: boolean; dirOnly: boolean }

export class IgnoreRules {
  private readonly rules: Rule[] = [];

  /** `files.exclude`: globs relative to the folder (`**` forms as VS Code writes them); only those set to true. */
  addExcludes(excludes: Record<string, unknown>): this {
    for (const [glob, on] of Object.entries(excludes)) if (on === true && glob.trim()) this.rules.push({ re: globToRegExp(glob.trim().replace(/^\.\//, '')), negate: false, dirOnly: false });
    return this;
  }

  /** The lines of a .gitignore at the folder's top. */
  addGitignore(text: string): this {
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1);
      const dirOnly = line.endsWith('/');
      if (dirOnly) line = line.slice(0, -1);
      // A pattern with a slash (other than at the end) is anchored to the folder; otherwise it matches at any depth.
      const anchored = line.includes('/');
      const body = line.replace(/^\//, '');
      if (!body) continue;
      this.rules.push({ re: globToRegExp(anchored ? body : `**/${body}`), negate, dirOnly });
    }
    return this;
  }

  /**
   * True when `path` (workspace-relative) or any folder above it is excluded. `isDir` says whether the path itself is
   * a folder (for `dir/` patterns).
   */
  ignores(path: string, isDir = false): boolean {
    const segments = path.split('/').filter(Boolean);
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const prefixIsDir = i < segments.length || isDir;
      let ignored = false;
      for (const r of this.rules) {
        if (r.dirOnly && !prefixIsDir) continue;
        if (r.re.test(prefix)) ignored = !r.negate;
      }
      if (ignored) return true;
    }
    return false;
  }
}
