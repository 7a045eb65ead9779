// Which workspace files the attachment pickers leave out because of .gitignore files — the root one and those in
// sub-folders, as git reads them: each .gitignore speaks for the paths under its own folder, relative to it; a deeper
// one decides before a shallower one (so `!keep.log` in src/.gitignore re-includes what the root's `*.log` left out),
// and a path in a folder that is ignored stays ignored. `.git/` is always left out.
import ignore, { type Ignore } from 'ignore';

export interface GitignoreFile {
  /** The folder holding the .gitignore, relative to the workspace root, '/'-separated; '' for the root. */
  dir: string;
  text: string;
}

export class GitignoreRules {
  /** Deepest folder first, so the nearest .gitignore is asked first. */
  private readonly rules: { dir: string; ig: Ignore }[];

  constructor(files: readonly GitignoreFile[]) {
    this.rules = [{ dir: '', ig: ignore().add('.git/') }, ...files.map((f) => ({ dir: f.dir.replace(/^\/+|\/+$/g, ''), ig: ignore().add(f.text) }))]
      .sort((a, b) => depth(b.dir) - depth(a.dir));
  }

  /** `rel`: a file's path relative to the workspace root, '/'-separated. */
  ignores(rel: string): boolean {
    // A folder that is ignored hides everything under it, whatever a deeper .gitignore says (git never looks inside).
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) if (this.decide(`${parts.slice(0, i).join('/')}/`)) return true;
    return this.decide(rel);
  }

  private decide(rel: string): boolean {
    for (const { dir, ig } of this.rules) {
      // A .gitignore speaks for what is under its folder, not for the folder itself.
      if (dir && (!rel.startsWith(`${dir}/`) || rel.length === dir.length + 1)) continue;
      const r = ig.test(dir ? rel.slice(dir.length + 1) : rel);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  }
}

function depth(dir: string): number {
  return dir ? dir.split('/').length : 0;
}
