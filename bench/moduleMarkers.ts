// A copy of the production extension bundle in which every bundled module records itself when it is evaluated, so
// the real extension host can say which modules activation (and a chat turn, and an AWS profile) actually ran.
// esbuild keeps CommonJS packages behind lazy wrappers (evaluated on first require) and hoists ES modules, so a
// marker at the top of each file runs exactly when that module is evaluated. Used only for the module list; the
// timings are taken from the unmodified bundle. Options mirror the extension target of esbuild.mjs (--production).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../test/tools/paths';

export const MARKER_GLOBAL = '__mantleBenchModules';
/** performance.now() at each marker, in the same order: the gaps approximate how long each module's body ran. */
export const MARKER_TIMES = '__mantleBenchModuleTimes';

/** Inserts the marker after a shebang and a leading "use strict" directive, which must stay first to keep their meaning. */
export function withMarker(source: string, id: string): string {
  const head = /^(#![^\n]*\n)?(\s*(['"])use strict\3;?)?/.exec(source)?.[0] ?? '';
  return `${head}\n;(globalThis.${MARKER_GLOBAL} ??= []).push(${JSON.stringify(id)});(globalThis.${MARKER_TIMES} ??= []).push(performance.now());\n${source.slice(head.length)}`;
}

const markers: Plugin = {
  name: 'module-markers',
  setup(b) {
    b.onLoad({ filter: /\.(?:[cm]?js|ts)$/ }, async (args) => {
      if (args.namespace !== 'file') return undefined;
      const text = await readFile(args.path, 'utf8');
      return { contents: withMarker(text, relative(repoRoot, args.path)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

export async function buildMarkedExtension(outfile: string): Promise<void> {
  const { containerApart, featuresApart, sdksApart, vscodeAsIs } = await import('../esbuild.apart.mjs');
  await build({
    entryPoints: [`${repoRoot}/src/extension.ts`],
    outfile,
    absWorkingDir: repoRoot,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['ws', 'zod', 'google-auth-library', 'undici', '@aws-sdk/credential-provider-node'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // The SDKs and the lazy features stay in their own (unmarked) bundles, and 'vscode' is required as it is, as in
    // the shipped extension.
    plugins: [vscodeAsIs, sdksApart, featuresApart, containerApart, markers],
  });
}
