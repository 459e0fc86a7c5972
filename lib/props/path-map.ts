/**
 * Where the props of a construct came from: an adapter (lib/from-config) that builds props from a
 * config file returns, beside them, a path map that says for each prop which config key it was read
 * from, written next to the assignment (forward, never as an inverse). The YAML path maps the prop
 * paths of a rulebook's problems through it to the key's line:col.
 */

/** A key path into a config file, e.g. `['ais', 'proxies', 'nodes']`. */
export type ConfigPath = readonly PropertyKey[];

/**
 * The source of a prop: a config path (the rest of a deeper prop path is appended, so list items and
 * map keys keep their index or key), or a function of that rest.
 */
export type PropSource = ConfigPath | ((rest: readonly PropertyKey[]) => ConfigPath);

/**
 * A map from prop paths to config paths, shaped like the props: each key is a prop, each value its
 * source or the map of its fields. `$` is the source of the object itself (a problem at the object,
 * or at a field the map does not name).
 */
export interface PathMap {
  readonly $?: PropSource;
  readonly [prop: string]: PropSource | PathMap | undefined;
}

function isSource(node: PropSource | PathMap): node is PropSource {
  return Array.isArray(node) || typeof node === 'function';
}

function resolve(source: PropSource, rest: readonly PropertyKey[]): ConfigPath {
  return typeof source === 'function' ? source(rest) : [...source, ...rest];
}

/**
 * The config path of a prop path: the source of the deepest prop the map names, with the rest of the
 * prop path appended; else the deepest `$` on the way (the section the prop belongs to); else undefined.
 */
export function configPathOf(map: PathMap, propPath: readonly PropertyKey[]): ConfigPath | undefined {
  let node: PathMap = map;
  let fallback: ConfigPath | undefined = map.$ && resolve(map.$, []);
  for (let i = 0; i < propPath.length; i++) {
    const child = node[String(propPath[i])];
    if (child === undefined) return fallback;
    if (isSource(child)) return resolve(child, propPath.slice(i + 1));
    node = child;
    if (node.$) fallback = resolve(node.$, []);
  }
  return fallback;
}

/** Props built from a config, and where each came from. */
export interface Adapted<P> {
  readonly props: P;
  readonly paths: PathMap;
}
