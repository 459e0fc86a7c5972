/**
 * Installing the project is quiet and leaves the tree clean (issue 17): no EBADENGINE warning on
 * the Node versions `engines` declares, `npm install` has nothing to rewrite in
 * package-lock.json, no install-time build in the published package, and the license file exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
// npm's own range logic, through the copy cdk8s-cli depends on (not a dependency of ours)
const semver = require(require.resolve('semver', { paths: [path.join(ROOT, 'node_modules', 'cdk8s-cli')] })) as {
  subset: (sub: string, dom: string) => boolean;
};

describe('install', () => {
  it('every installed package supports every Node version our engines allow (npm warns EBADENGINE otherwise)', () => {
    const narrower = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([name, entry]) => name !== '' && entry.engines?.node && fs.existsSync(path.join(ROOT, name)))
      .filter(([, entry]) => !semver.subset(pkg.engines.node, entry.engines!.node!))
      .map(([name, entry]) => `${name} ${entry.engines!.node}`);
    expect(narrower).toEqual([]);
  });

  it('package-lock.json records package.json as it is, so `npm install` leaves it unchanged', () => {
    const root = lock.packages[''];
    for (const key of ['name', 'version', 'license', 'dependencies', 'devDependencies', 'peerDependencies', 'engines', 'bin']) {
      expect(root[key], key).toEqual(pkg[key]);
    }
  });

  it('runs no build on install (no prepare script; prepack builds the tarball) and decides on every dependency install script', () => {
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.prepack).toBe(pkg.scripts.build);
    // esbuild's postinstall only checks its platform binary, which npm installs as an optional dependency
    expect(pkg.allowScripts).toEqual({ esbuild: false });
  });

  it('ships the Apache-2.0 license package.json names', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^\s*Apache License\n\s*Version 2\.0, January 2004\n/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    expect(pkg.files).toContain('LICENSE');
  });
});
