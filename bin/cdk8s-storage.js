#!/usr/bin/env node
// Entry point of `npm run synth` and of the installed `cdk8s-storage` command.
// Runs the prebuilt bundle (out/cdk8s-storage.js, made by `npm run build`, ~0.1 s faster to start
// than separate modules; with a V8 code cache, bin/code-cache.js) when it is newer than the
// TypeScript sources; otherwise runs the sources through tsx, so an edit to lib/ is never silently ignored.
'use strict';
const path = require('node:path');
const { bundleIsFresh } = require('./bundle-freshness');

const root = path.join(__dirname, '..');
if (bundleIsFresh(root)) {
  require('./code-cache').runWithCodeCache(path.join(root, 'out', 'cdk8s-storage.js'));
} else {
  require('tsx/cjs');
  require(path.join(root, 'main.ts'));
}
