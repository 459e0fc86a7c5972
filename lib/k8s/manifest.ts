/** A Kubernetes object as plain data (parsed YAML or `ApiObject.toJson()`). */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    /** @default - none: cluster-scoped, or the namespace of the context it is applied in */
    readonly namespace?: string;
    /** @default - no labels */
    readonly labels?: Readonly<Record<string, string>>;
    /** @default - no annotations */
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: any;
}


/** API group of an apiVersion: `apps/v1` -> `apps`, `v1` -> `` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `Kind` for core objects, `group/Kind` otherwise: the key of the tables in this folder. */
export function groupKind(manifest: Pick<Manifest, 'apiVersion' | 'kind'>): string {
  const group = apiGroup(manifest.apiVersion);
  return group ? `${group}/${manifest.kind}` : manifest.kind;
}

/**
 * Identity of an object in the cluster: group, kind, namespace and name. The API version is not
 * part of it (moving apps/v1beta2 -> apps/v1 updates the same object).
 */
export function objectKey(manifest: Manifest): string {
  const ns = manifest.metadata.namespace;
  return `${groupKind(manifest)} ${ns ? `${ns}/` : ''}${manifest.metadata.name}`;
}

/** `Kind namespace/name`, the way people name objects in messages. */
export function describeObject(manifest: Manifest): string {
  const ns = manifest.metadata.namespace;
  return `${manifest.kind} ${ns ? `${ns}/` : ''}${manifest.metadata.name}`;
}

export function labelOf(manifest: Manifest, key: string): string | undefined {
  return manifest.metadata.labels?.[key];
}

/** Structural equality of JSON values (key order does not matter, array order does). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).filter((k) => (a as any)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as any)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual((a as any)[k], (b as any)[k]));
  }
  return false;
}

/**
 * Dotted paths of the leaves that differ between two JSON values, e.g. `spec.replicas`,
 * `spec.template.spec.containers[0].image`. An array whose length changed is reported as a whole.
 */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (jsonEqual(a, b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, i) => changedPaths(item, b[i], `${prefix}[${i}]`));
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return [prefix || '(whole object)'];
}
