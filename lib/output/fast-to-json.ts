import { ApiObject, App, ApiObjectMetadataDefinition, JsonPatch, Lazy, LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * A faster, output-identical rendering of cdk8s API objects for large apps.
 *
 * cdk8s renders each object with a generic resolver walk that, for every value in every object,
 * looks the App up through the construct tree, allocates a key path and a resolution context
 * and asks each resolver in turn; then sorts keys in a second walk. With tens of thousands of
 * objects (1000 targets x 10 local PVs) that walk is most of synth time. When the app uses only
 * cdk8s's built-in resolvers, the same rules fit in one tight walk: Lazy values are produced,
 * implicit tokens (`resolve()`) resolved, number/string unions (IntOrString, Quantity) unwrapped,
 * then keys sorted and null/undefined dropped exactly as cdk8s's sanitizer does.
 *
 * `withFastRendering(app, fn)` swaps the two rendering methods in for the duration of `fn` only,
 * and only when the app has no custom resolvers; test/output/fast-to-json.test.ts checks that every
 * object of every example renders byte-identically both ways.
 */

function resolveValue(value: any): any {
  if (value === null || value === undefined) return value;
  const type = typeof value;
  if (type !== 'object') return value;
  if (value instanceof Lazy) return resolveValue(value.produce());
  if (typeof value.resolve === 'function') return resolveValue(value.resolve());
  if (Array.isArray(value)) return value.map(resolveValue);
  if (value.constructor === Object) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) result[key] = resolveValue(value[key]);
    return result;
  }
  const inner = value.value;
  if (typeof inner === 'number' || typeof inner === 'string') return { value: inner };
  return value;
}

interface SanitizeOptions { readonly sortKeys: boolean; readonly filterEmpty: boolean }

function sanitize(value: any, options: SanitizeOptions): any {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (options.filterEmpty && value.length === 0) return undefined;
    return value.map((item) => sanitize(item, options));
  }
  if (value.constructor.name !== 'Object') throw new Error(`can't render non-simple object of type '${value.constructor.name}'`);
  const result: Record<string, unknown> = {};
  const keys = options.sortKeys ? Object.keys(value).sort() : Object.keys(value);
  let empty = true;
  for (const key of keys) {
    const sanitized = sanitize(value[key], options);
    if (sanitized !== null && sanitized !== undefined) {
      result[key] = sanitized;
      empty = false;
    }
  }
  return options.filterEmpty && empty ? undefined : result;
}

/**
 * `sanitize(resolveValue(value), options)` in one walk and one copy instead of two (half the
 * allocation on the hot path). `verbatim` is a value already rendered this way (the metadata),
 * returned as it is. Anything but plain data, tokens and Lazy values takes the two-step way.
 */
function render(value: any, options: SanitizeOptions, verbatim?: unknown): any {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (value === verbatim) return value;
  if (value instanceof Lazy) return render(value.produce(), options, verbatim);
  if (typeof value.resolve === 'function') return render(value.resolve(), options, verbatim);
  if (Array.isArray(value)) {
    if (options.filterEmpty && value.length === 0) return undefined;
    const list = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = render(value[i], options, verbatim);
    return list;
  }
  if (value.constructor !== Object) return sanitize(resolveValue(value), options);
  const result: Record<string, unknown> = {};
  const keys = options.sortKeys ? Object.keys(value).sort() : Object.keys(value);
  let empty = true;
  for (const key of keys) {
    const rendered = render(value[key], options, verbatim);
    if (rendered !== null && rendered !== undefined) {
      result[key] = rendered;
      empty = false;
    }
  }
  return options.filterEmpty && empty ? undefined : result;
}

const METADATA = { sortKeys: true, filterEmpty: true } as const;
const BODY_SORTED = { sortKeys: true, filterEmpty: false } as const;
const BODY_UNSORTED = { sortKeys: false, filterEmpty: false } as const;

/** The metadata fields the definition keeps itself: additional attributes of these names are overridden. */
const OWN_METADATA = new Set(['name', 'namespace', 'annotations', 'finalizers', 'ownerReferences', 'labels']);

/** `_additionalAttributes` has something besides the fields the definition keeps itself. */
function hasOtherAttributes(attributes: Record<string, unknown> | undefined): boolean {
  for (const key in attributes) if (!OWN_METADATA.has(key)) return true;
  return false;
}

function metadataToJson(this: any): any {
  // the spread of the additional attributes only when it adds anything (most objects: name,
  // namespace, labels, annotations only, which the fields below override anyway)
  const extra = hasOtherAttributes(this._additionalAttributes) ? this._additionalAttributes : undefined;
  return render({
    ...extra,
    name: this.name,
    namespace: this.namespace,
    annotations: this.annotations,
    finalizers: this.finalizers,
    ownerReferences: this.ownerReferences,
    labels: this.labels,
  }, METADATA);
}

function apiObjectToJson(this: any): any {
  try {
    // the metadata is rendered already (sorted, empty values dropped): rendering it again as part
    // of the body, as cdk8s does, gives an equal copy, so it is taken as it is
    const metadata = this.metadata.toJson();
    const json = render({ ...this.props, metadata }, process.env.CDK8S_DISABLE_SORT ? BODY_UNSORTED : BODY_SORTED, metadata);
    const patched = this.patches.length > 0 ? JsonPatch.apply(json, ...this.patches) : json;
    const result: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
      if (key in patched) result[key] = patched[key];
    }
    return result;
  } catch (error) {
    throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${error}`);
  }
}

/** The app uses exactly cdk8s's built-in resolvers (so the fast walk applies the same rules). */
function hasOnlyBuiltInResolvers(app: App): boolean {
  const kinds = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];
  return app.resolvers.length === kinds.length && app.resolvers.every((r, i) => r.constructor === kinds[i]);
}

/** Runs `fn` with the fast rendering in place (when it applies to `app`), then restores cdk8s's own. */
export function withFastRendering<T>(app: App, fn: () => T): T {
  if (!hasOnlyBuiltInResolvers(app)) return fn();
  const apiProto = ApiObject.prototype as any;
  const metaProto = ApiObjectMetadataDefinition.prototype as any;
  const original = { api: apiProto.toJson, meta: metaProto.toJson };
  apiProto.toJson = apiObjectToJson;
  metaProto.toJson = metadataToJson;
  try {
    return fn();
  } finally {
    apiProto.toJson = original.api;
    metaProto.toJson = original.meta;
  }
}
