import { ApiObject, Chart } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import type { Manifest } from './manifest';

/**
 * The objects of one shape: every manifest of it is `manifest(holes)` for its own string values
 * (a PV's name and node), and differs from the others only there and in its annotations.
 */
export interface BulkShape {
  /**
   * The manifest as `ApiObject.toJson()` renders it: apiVersion, kind, metadata, then the other keys
   * sorted, every map's keys sorted; the chart's labels and namespace included. A new object on
   * every call (the GitOps passes annotate each manifest's own metadata).
   */
  manifest(holes: readonly string[]): Manifest;
}

/** One object kept in bulk: its shape and the values of that shape's holes. */
export interface BulkItem {
  readonly shape: BulkShape;
  readonly holes: readonly string[];
}

/**
 * Many API objects of one construct (the 10,000 local PersistentVolumes of 1000 targets × 10
 * mountpaths) kept as their rendered manifests, plain data in the key order cdk8s renders, instead
 * of one cdk8s `ApiObject` each: a cdk8s construct, its metadata object and its rendering cost
 * about half of a large synth (issue 25). Nothing changes for the construct's users: the first
 * time anything asks for them as constructs (the construct's own accessor, `node.children`,
 * `node.findAll()`, `node.findChild()`, as cdk8s's `App.synth()` and every tree walk does), they
 * become `ApiObject`s exactly as if they had been built as such (same ids, same order after the
 * construct's other children, same props and annotations), and stay so.
 *
 * The synth path reads them without that: the GitOps passes and the synth walk the tree with
 * {@link childrenOf} / {@link allConstructs}, which list a construct's children without making
 * them, and treat the manifests of {@link pendingManifests} as the objects they stand for. They
 * change a manifest only through {@link setBulkAnnotation}: so the YAML of one shape's manifests
 * with the same annotations is one text with holes ({@link bulkYaml}).
 * test/k8s/bulk-objects.test.ts and test/perf-equivalence.test.ts check that both ways give the same bytes.
 */
export class BulkObjects {
  private manifests: Manifest[] | undefined;
  /** the YAML of each shape split at its holes, by annotations map (shared maps: see setBulkAnnotation); null: none */
  private readonly templates = new Map<BulkShape, Map<object, readonly string[] | null>>();

  /**
   * @param owner the construct the objects belong to (their scope once they are ApiObjects)
   * @param items the objects, in the order they take as the owner's children
   * @param make builds the ApiObject of one manifest in `owner` (its construct id and props)
   */
  constructor(private readonly owner: Construct, private readonly items: readonly BulkItem[],
    private readonly make: (manifest: Manifest, index: number) => ApiObject) {
    const manifests = items.map((item, index) => {
      const manifest = item.shape.manifest(item.holes);
      if (manifest.apiVersion === 'v1' && manifest.kind === 'Node') throw new Error('Node objects are merged across charts: build them as ApiObjects');
      ITEMS.set(manifest, { bulk: this, index });
      return manifest;
    });
    this.manifests = manifests;
    Object.defineProperty(owner, BULK, { value: this });
    const node = owner.node as unknown as Record<string, unknown>;
    const materializeFirst = (name: string) => function (this: unknown, ...args: unknown[]) {
      bulk.materialize();
      return (node[name] as (...a: unknown[]) => unknown).apply(node, args);
    };
    const bulk = this;
    Object.defineProperty(node, 'children', { configurable: true, get: () => (bulk.materialize(), node.children) });
    for (const name of OVERRIDDEN_METHODS) Object.defineProperty(node, name, { configurable: true, writable: true, value: materializeFirst(name) });
  }

  /** The manifests while the objects are not ApiObjects (mutable: the GitOps passes annotate them); undefined after. */
  public get pending(): Manifest[] | undefined {
    return this.manifests;
  }

  /** Makes the objects ApiObjects (once): the children of the owner, after those it has. */
  public materialize(): void {
    const manifests = this.manifests;
    if (!manifests) return;
    this.manifests = undefined;
    const node = this.owner.node as unknown as Record<string, unknown>;
    delete node.children;
    for (const name of OVERRIDDEN_METHODS) delete node[name];
    manifests.forEach((manifest, index) => this.make(manifest, index));
  }

  /** See {@link bulkYaml}. */
  public yaml(manifest: Manifest, index: number, toYaml: (manifest: Manifest) => string, isPlain: (value: string) => boolean): string {
    const { shape, holes } = this.items[index];
    const annotations = manifest.metadata.annotations ?? NO_ANNOTATIONS;
    let byAnnotations = this.templates.get(shape);
    if (!byAnnotations) this.templates.set(shape, byAnnotations = new Map());
    let pieces = byAnnotations.get(annotations);
    if (pieces === undefined) {
      pieces = template(shape, holes.length, manifest.metadata.annotations, toYaml) ?? null;
      byAnnotations.set(annotations, pieces);
    }
    if (!pieces || !holes.every(isPlain)) return toYaml(manifest);
    let text = pieces[0];
    for (let i = 0; i < holes.length; i++) text += holes[i] + pieces[i + 1];
    return text;
  }
}

/** The key of manifests without annotations in {@link BulkObjects.templates}. */
const NO_ANNOTATIONS = Object.freeze({});

/** The manifests of objects kept in bulk, to their owner and place. */
const ITEMS = new WeakMap<Manifest, { readonly bulk: BulkObjects; readonly index: number }>();

/** Hole values no real name has; plain YAML words (see lib/output/yaml.ts), each written once in a template. */
const SENTINEL = (i: number) => `zz-cdk8s-storage-hole-${i}-zz`;

/**
 * The YAML of a shape's manifest with these annotations, split at its holes; undefined when a
 * hole's text is not found exactly once (the manifest is then written the plain way).
 */
function template(shape: BulkShape, holeCount: number, annotations: Readonly<Record<string, string>> | undefined,
  toYaml: (manifest: Manifest) => string): readonly string[] | undefined {
  const sentinels = Array.from({ length: holeCount }, (_, i) => SENTINEL(i));
  const sample = shape.manifest(sentinels);
  const { annotations: _own, ...rest } = sample.metadata;
  // 'annotations' sorts before every other metadata key cdk8s renders (labels, name, namespace, ...)
  (sample as { metadata: unknown }).metadata = annotations ? { annotations, ...rest } : rest;
  const text = toYaml(sample);
  const pieces: string[] = [];
  let from = 0;
  for (const sentinel of sentinels) {
    const at = text.indexOf(sentinel);
    if (at < from || text.lastIndexOf(sentinel) !== at) return undefined;
    pieces.push(text.slice(from, at));
    from = at + sentinel.length;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/**
 * The YAML text of a manifest kept in bulk as `toYaml` writes it, from its shape's template when its
 * hole values are written plain (`isPlain`); undefined for any other manifest.
 */
export function bulkYaml(manifest: Manifest, toYaml: (manifest: Manifest) => string, isPlain: (value: string) => boolean): string | undefined {
  const item = ITEMS.get(manifest);
  return item && item.bulk.yaml(manifest, item.index, toYaml, isPlain);
}

const BULK = Symbol.for('cdk8s-storage.bulk-objects');

/** The Node methods that read a construct's children directly: each makes the objects first. */
const OVERRIDDEN_METHODS = ['tryFindChild', 'findChild', 'tryRemoveChild'];

/** The objects a construct keeps in bulk, while they are not ApiObjects. */
export function pendingManifests(construct: IConstruct): Manifest[] | undefined {
  return (construct as unknown as { [BULK]?: BulkObjects })[BULK]?.pending;
}

/** Makes every object kept in bulk under `root` an ApiObject (for code that needs them all as constructs). */
export function materializeAll(root: IConstruct): void {
  for (const construct of allConstructs(root)) (construct as unknown as { [BULK]?: BulkObjects })[BULK]?.materialize();
}

/** `node.children` as the constructs library keeps it, without making bulk objects ApiObjects. */
export function childrenOf(construct: IConstruct): IConstruct[] {
  const node = construct.node;
  if (!Object.prototype.hasOwnProperty.call(node, 'children')) return node.children;
  let proto = Object.getPrototypeOf(node);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'children')) proto = Object.getPrototypeOf(proto);
  return Object.getOwnPropertyDescriptor(proto, 'children')!.get!.call(node);
}

/** `root.node.findAll()` (pre-order) without making bulk objects ApiObjects: the walk every pass of the synth uses. */
export function allConstructs(root: IConstruct): IConstruct[] {
  const all: IConstruct[] = [];
  const visit = (construct: IConstruct) => {
    all.push(construct);
    for (const child of childrenOf(construct)) visit(child);
  };
  visit(root);
  return all;
}

/**
 * How `ApiObject` renders the metadata of objects built in `scope` with `labels` (the chart's labels
 * under the object's own, the chart's namespace, keys sorted): a function of the object's name and
 * annotations (a non-empty frozen map with its keys sorted, which may be shared: see
 * {@link setBulkAnnotation}), each call a new object.
 */
export function bulkMetadata(scope: IConstruct, labels: Record<string, string>): (name: string, annotations?: Record<string, string>) => Manifest['metadata'] {
  const chart = Chart.of(scope);
  const sorted = sortedCopy({ ...chart.labels, ...labels });
  const hasLabels = Object.keys(sorted).length > 0;
  const namespace = chart.namespace;
  return (name, annotations) => {
    const metadata: Record<string, unknown> = {};
    // keys in sorted order: annotations, labels, name, namespace
    if (annotations) metadata.annotations = annotations;
    if (hasLabels) metadata.labels = { ...sorted };
    metadata.name = name;
    if (namespace !== undefined) metadata.namespace = namespace;
    return metadata as Manifest['metadata'];
  };
}

function sortedCopy(map: Readonly<Record<string, string>>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) sorted[key] = map[key];
  return sorted;
}

/**
 * Sets an annotation on a manifest kept in bulk, keeping the key order cdk8s renders (sorted). The
 * annotations of such manifests are never changed in place (copy on write): one frozen map can be
 * shared by thousands of them ({@link setBulkAnnotations}).
 */
export function setBulkAnnotation(manifest: Manifest, key: string, value: string): void {
  const annotations = manifest.metadata.annotations;
  if (annotations?.[key] === value) return;
  setBulkAnnotations(manifest, Object.freeze(sortedCopy({ ...annotations, [key]: value })));
}

/** Replaces the annotations of a manifest kept in bulk by `annotations` (keys sorted, never changed afterwards). */
export function setBulkAnnotations(manifest: Manifest, annotations: Readonly<Record<string, string>>): void {
  const metadata = manifest.metadata as Record<string, unknown>;
  if (metadata.annotations) {
    metadata.annotations = annotations;
    return;
  }
  // 'annotations' sorts before every other metadata key cdk8s renders (labels, name, namespace, ...)
  const annotated: Record<string, unknown> = { annotations };
  for (const k of Object.keys(metadata).sort()) annotated[k] = metadata[k];
  (manifest as { metadata: unknown }).metadata = annotated;
}
