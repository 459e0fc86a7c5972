// Runs the bundle (out/cdk8s-storage.js) with a V8 code cache: the bytecode V8 compiled for it in an
// earlier run, so a run does not parse and compile ~2 MB of JavaScript again (issue 25: the
// generator alone on the reference example goes from ~1.3x to ~1.0x the time node takes to load
// cdk8s and cdk8s-plus-28). Node 20 has no module compile cache (module.enableCompileCache is
// Node >= 22.1), so the bundle is compiled through vm.Script with `cachedData`.
//
// Where: $XDG_CACHE_HOME/cdk8s-storage, default ~/.cache/cdk8s-storage; never inside the installed
// package. One file per bundle content, Node version and V8 flags: V8 itself only checks the
// source's length and its flags before it runs cached bytecode, so a cache keyed by anything less
// than the content would run stale code after a rebuild of the same length.
// A folder or file another user could have written is never read (cached bytecode runs as is).
// Anything that goes wrong here means no cache, never a failed run: just slower.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');
const Module = require('node:module');
const vm = require('node:vm');

/** Cache files kept in the folder (newest by write time): a few installed versions side by side. */
const KEEP = 8;

/** The cache folder, created private to this user; undefined when there is none we may use. */
function cacheFolder(env) {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
    ? env.XDG_CACHE_HOME
    : env.HOME && path.join(env.HOME, '.cache');
  if (!base) return undefined;
  const folder = path.join(base, 'cdk8s-storage');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return isPrivate(fs.statSync(folder)) ? folder : undefined;
}

/** Owned by this user and writable by no one else. */
function isPrivate(stat) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

function readCache(file) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      return isPrivate(fs.fstatSync(fd)) ? fs.readFileSync(fd) : undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a temporary file, then a rename), then keeps the KEEP newest. */
function writeCache(folder, file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    const entries = fs.readdirSync(folder).filter((name) => name.endsWith('.bin'))
      .map((name) => ({ name, time: fs.statSync(path.join(folder, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { name } of entries.slice(KEEP)) fs.rmSync(path.join(folder, name), { force: true });
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Runs `bundle` as a CommonJS main module, compiled with the code cache when one can be used.
 * @param {string} bundle absolute path of out/cdk8s-storage.js
 * @param {NodeJS.ProcessEnv} env
 */
function runWithCodeCache(bundle, env = process.env) {
  let folder;
  try {
    folder = cacheFolder(env);
  } catch {
    folder = undefined;
  }
  const text = fs.readFileSync(bundle, 'utf8');
  const source = text.startsWith('#!') ? text.slice(text.indexOf('\n')) : text; // keeps the line numbers
  const key = createHash('sha256').update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}\n`).update(source).digest('hex').slice(0, 32);
  const file = folder && path.join(folder, `${key}.bin`);
  const cachedData = file && readCache(file);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (file && (!cachedData || script.cachedDataRejected)) {
    // at exit: the cache then also holds the functions this run compiled on first call
    process.once('exit', () => writeCache(folder, file, script.createCachedData()));
  }
  const main = new Module(bundle, null);
  main.filename = bundle;
  main.paths = Module._nodeModulePaths(path.dirname(bundle));
  main.loaded = true;
  process.mainModule = main; // what `require.main` would be had node run the bundle itself
  const wrapper = script.runInThisContext();
  const require = Module.createRequire(bundle);
  require.main = main;
  wrapper.call(main.exports, main.exports, require, main, bundle, path.dirname(bundle));
}

module.exports = { runWithCodeCache, cacheFolder };
