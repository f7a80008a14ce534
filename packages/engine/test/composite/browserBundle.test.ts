import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = join(dirname(fileURLToPath(import.meta.url)), '../../src/index.ts');

/** Fails the build on any import of a Node built-in (`node:fs`, `fs`, `path`, `crypto`...). */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0]!;
      if (args.path.startsWith('node:') || builtins.has(bare)) {
        return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }] };
      }
      return undefined;
    });
  },
};

describe('engine browser bundle', () => {
  it('esbuild bundles src/index.ts for the browser with no Node built-in', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      plugins: [noNodeBuiltins],
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    // The composite entry points are in the bundle, and nothing reaches for Node at run time.
    expect(code).toContain('ptce-default');
    expect(code).not.toMatch(/\brequire\(["'](node:)?(fs|path|crypto|os|module)["']\)/);
    expect(code).not.toMatch(/\bprocess\.(env|cwd|versions)\b/);
  });

  it('the no-node-builtins check does fail on a Node import (the test can fail)', async () => {
    await expect(
      build({
        stdin: {
          contents: "import { readFileSync } from 'node:fs'; console.log(readFileSync);",
          loader: 'ts',
        },
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
        plugins: [noNodeBuiltins],
      }),
    ).rejects.toThrow(/Node built-in "node:fs"/);
  });
});
