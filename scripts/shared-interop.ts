import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from 'esbuild';

const root = path.resolve(__dirname, '..');

/** The CommonJS packages our modules import, each through one shared ES module (see sharedInterop). */
const SHARED_PACKAGES = ['cdk8s', 'constructs', 'yaml', 'cdk8s-plus-28/lib/imports/k8s'];

/**
 * Bundle start-up cuts that leave the sources as they are (each measured in issue 25, output bytes unchanged):
 * - esbuild gives every `import … from '<a CommonJS package>'` site its own ES-module copy of the
 *   package's exports (`__toESM`, a getter per export: ~30 ms for our ~90 import sites of cdk8s,
 *   constructs and cdk8s-plus-28); routed through one re-export module per package, it makes one copy.
 * - `import { k8s } from 'cdk8s-plus-28'` loads the whole cdk8s-plus-28 index (every L2 class) for its
 *   L1 namespace: a module that imports nothing else from it gets cdk8s-plus-28/lib/imports/k8s alone.
 * Only our own modules are routed (not node_modules); test/bundle.test.ts checks both on the metafile.
 */
export const sharedInterop: Plugin = {
  name: 'shared-interop',
  setup(build) {
    const ours = (importer: string) => importer.startsWith(root) && !importer.includes(`${path.sep}node_modules${path.sep}`);
    build.onResolve({ filter: /^(cdk8s|constructs|yaml|cdk8s-plus-28)$/ }, ({ path: name, importer, namespace }) => {
      if (namespace !== 'file' || !ours(importer)) return undefined;
      if (name !== 'cdk8s-plus-28') return { path: name, namespace: 'shared-interop' };
      // the named imports of every `import { … } from 'cdk8s-plus-28'` of the importer: only `k8s`?
      const clauses = [...fs.readFileSync(importer, 'utf8').matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'cdk8s-plus-28'/g)];
      const names = clauses.flatMap(([, list]) => list.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean));
      return names.length > 0 && names.every((n) => n === 'k8s') ? { path: 'cdk8s-plus-28/lib/imports/k8s', namespace: 'shared-interop' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-interop' }, ({ path: name }) => {
      if (!SHARED_PACKAGES.includes(name)) throw new Error(`no shared interop module for ${name}`);
      const contents = name === 'cdk8s-plus-28/lib/imports/k8s'
        ? `export * as k8s from '${name}';\n`
        : `export { ${Object.keys(require(name)).filter((n) => n !== 'default' && n !== '__esModule').join(', ')} } from '${name}';\n`;
      return { contents, resolveDir: root, loader: 'js' };
    });
  },
};
