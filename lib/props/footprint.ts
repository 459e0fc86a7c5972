/**
 * What a top-level construct claims in the cluster, from its props: the objects it emits that another
 * construct of the same app could emit too (namespaces, cluster-scoped storage objects) and the labels
 * it puts on nodes. The GitOps rulebook (lib/gitops/app-checks.ts) reads the footprints of every
 * construct of an app to find two that collide; each claim names the prop it comes from.
 */

/** An object a construct emits, and the prop its name comes from. */
export interface ObjectClaim {
  /** the object's kind, e.g. `Namespace` */
  readonly kind: string;
  /** the object's name */
  readonly name: string;
  /** @default - cluster-scoped */
  readonly namespace?: string;
  /** the prop path the name comes from */
  readonly path: readonly PropertyKey[];
  /** what the object is to its construct, e.g. `the namespace of the AIS cluster` */
  readonly what: string;
  /** who the object belongs to, e.g. `the AIS cluster`, `AuriStorFS group compute` */
  readonly owner: string;
}

/** A label a construct puts on a node, and the prop its key comes from. */
export interface NodeLabelClaim {
  /** the node's name */
  readonly node: string;
  /** the label key */
  readonly key: string;
  /** the label value */
  readonly value: string;
  /** the prop path the key comes from */
  readonly path: readonly PropertyKey[];
  /** what the label is to its construct, e.g. `the AIS target label` */
  readonly what: string;
  /**
   * The key is fixed by the construct (no prop changes it): a collision is reported at the other claim.
   * @default false
   */
  readonly fixedKey?: boolean;
}

/** Everything a top-level construct claims. */
export interface Footprint {
  /** e.g. `AisCluster` */
  readonly construct: string;
  /** the objects it emits that another construct could emit too */
  readonly objects: readonly ObjectClaim[];
  /** the labels it puts on nodes */
  readonly nodeLabels: readonly NodeLabelClaim[];
  /**
   * The names the construct derives object names from and checks itself (the AIS cluster name).
   * @default - none
   */
  readonly ownsNames?: readonly string[];
}

const FOOTPRINT = Symbol.for('cdk8s-storage.footprint');

/**
 * Records `footprint` on a construct, so an app-level check finds it among the app's constructs;
 * returns it (`this.footprint = declareFootprint(this, ...)`).
 */
export function declareFootprint(construct: object, footprint: Footprint): Footprint {
  Object.defineProperty(construct, FOOTPRINT, { value: footprint, enumerable: false });
  return footprint;
}

/** The footprint a construct declared, if any. */
export function footprintOf(construct: object): Footprint | undefined {
  return (construct as { [FOOTPRINT]?: Footprint })[FOOTPRINT];
}
