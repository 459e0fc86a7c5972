// Whether the prebuilt bundle (out/cdk8s-storage.js) is at least as new as the TypeScript sources.
// Used by bin/cdk8s-storage.js to pick the bundle or the sources, and by the package test.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** @param {string} root the package root */
function bundleIsFresh(root) {
  const bundle = path.join(root, 'out', 'cdk8s-storage.js');
  if (!fs.existsSync(bundle)) return false;
  const sources = path.join(root, 'lib');
  if (!fs.existsSync(sources)) return true; // installed package: only the bundle is shipped
  const built = fs.statSync(bundle).mtimeMs;
  return built >= newestSource(sources) && built >= fs.statSync(path.join(root, 'main.ts')).mtimeMs;
}

module.exports = { bundleIsFresh };
