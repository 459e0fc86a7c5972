import { aisNames } from '../names';
import { DEFAULT_NODE_LABEL_KEYS } from '../defaults';

/** A node label: key and value. */
export interface NodeLabel {
  readonly key: string;
  readonly value: string;
}

/** Label keys/values that place AIS pods; overridable because AIS generations differ. */
export interface AisNodeLabelSchemeProps {
  /**
   * Label on nodes that run a target.
   * @default - `nvidia.com/ais-target=<cluster>-ais` (planning worksheet)
   */
  readonly target?: NodeLabel;
  /**
   * Label on nodes that run an (electable) proxy.
   * @default - `nvidia.com/ais-proxy=<cluster>-ais-electable` (planning worksheet)
   */
  readonly proxy?: NodeLabel;
  /**
   * Label on the one proxy node that bootstraps the cluster as primary.
   * @default - `nvidia.com/ais-initial-primary-proxy=<cluster>-ais` (planning worksheet)
   */
  readonly initialPrimary?: NodeLabel;
}

/** The roles a node label places. */
export const AIS_NODE_LABEL_ROLES = ['target', 'proxy', 'initialPrimary'] as const;

/** The labels of one cluster with defaults applied. */
export interface AisNodeLabelScheme {
  readonly target: NodeLabel;
  readonly proxy: NodeLabel;
  readonly initialPrimary: NodeLabel;
}

export function resolveNodeLabelScheme(cluster: string, props: AisNodeLabelSchemeProps = {}): AisNodeLabelScheme {
  return {
    target: props.target ?? { key: DEFAULT_NODE_LABEL_KEYS.target, value: aisNames.targetLabelValue(cluster) },
    proxy: props.proxy ?? { key: DEFAULT_NODE_LABEL_KEYS.proxy, value: aisNames.proxyLabelValue(cluster) },
    initialPrimary: props.initialPrimary ?? { key: DEFAULT_NODE_LABEL_KEYS.initialPrimary, value: aisNames.initialPrimaryLabelValue(cluster) },
  };
}
