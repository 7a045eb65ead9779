// Where the test tools put things. Everything they write stays in the ignored .test-artifacts/ folder or in
// private temporary folders, so several people (or CI jobs) can run the real-editor tiers at the same time.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
export const artifactsDir = join(repoRoot, '.test-artifacts');

/** A folder under .test-artifacts/, created if missing. */
export function artifactPath(...parts: string[]): string {
  const dir = join(artifactsDir, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A name that is unique among concurrent runs on this machine (timestamp + pid). */
export function runId(label: string): string {
  return `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
}
