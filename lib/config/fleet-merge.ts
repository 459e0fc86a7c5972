import type { ConfigLocator, Located } from './load';
import { isMapping, valueAt } from './load';

/**
 * A site's config is `merge(defaults, overlay)`: mappings merge key by key, recursively; anything else from the
 * overlay replaces the default (lists are never concatenated or merged by index: node lists, mountpaths and
 * groups are structural); an overlay `null` removes the default (the schema's default applies).
 */
export function mergeSiteConfig(defaults: unknown, overlay: unknown): unknown {
  if (!isMapping(defaults) || !isMapping(overlay)) return overlay === undefined ? defaults : overlay;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete merged[key];
    else merged[key] = key in defaults ? mergeSiteConfig(defaults[key], value) : value;
  }
  return merged;
}

/** A value a site's config is made from, and where its keys are in their file. */
export interface ConfigSource {
  readonly value: unknown;
  readonly locate: ConfigLocator;
}

/** How many leading keys of `path` exist in `value` (a key holding null exists). */
function existingDepth(value: unknown, path: readonly PropertyKey[]): number {
  let node: unknown = value;
  for (let depth = 0; depth < path.length; depth++) {
    if (node === null || typeof node !== 'object' || !(String(path[depth]) in (node as object))) return depth;
    node = (node as Record<string, unknown>)[path[depth] as string];
  }
  return path.length;
}

/**
 * Locates a problem of a merged site config in the file (and key) that supplied the value: the overlay when it
 * holds the key (a null there removed a default), else the defaults when they hold it; for a key neither holds (a
 * missing required key), the source with the deeper existing part of the path, the overlay first, else `fallback`
 * (the site's entry in fleet.yaml).
 */
export function mergedLocator(defaults: ConfigSource, overlay: ConfigSource | undefined, fallback: Located): ConfigLocator {
  return (path, key) => {
    const full = key === undefined ? path : [...path, key];
    const inOverlay = overlay ? existingDepth(overlay.value, full) : 0;
    if (overlay && inOverlay === full.length) return overlay.locate(path, key);
    // a default an overlay null removed is no longer there: the null is
    if (overlay && inOverlay >= 1 && valueAt(overlay.value, full.slice(0, inOverlay)) === null) return overlay.locate(full.slice(0, inOverlay));
    const inDefaults = existingDepth(defaults.value, full);
    if (inDefaults === full.length) return defaults.locate(path, key);
    if (overlay && inOverlay >= 1 && inOverlay >= inDefaults) return overlay.locate(path, key);
    if (inDefaults >= 1) return defaults.locate(path, key);
    return fallback;
  };
}
