import type { ConfigCheck, ConfigPathProblem } from '../config/load';
import type { ClusterConfig } from '../config/schema';
import { aisClusterFootprint, aisClusterProblems } from '../ais/cluster-checks';
import { DEFAULT_AISNODE_IMAGE, DEFAULT_IMAGES } from '../ais/defaults';
import { aisUpgradeProblems } from '../ais/upgrade-path';
import type { AisClusterProps } from '../ais/cluster-props';
import { aisOperatorClusterProblems } from '../ais/operator/cluster-checks';
import type { AisOperatorClusterProps } from '../ais/operator/cluster-props';
import { auristorClientFootprint, auristorClientProblems } from '../auristor/client-checks';
import type { AuristorClientProps } from '../auristor/client-props';
import { persistentVolumeFootprint } from '../auristor/storage/persistent-volume';
import { storageClassFootprint } from '../auristor/storage/storage-class';
import { gitOpsAppProblems } from '../gitops/app-checks';
import type { ArgoApplicationsProps } from '../gitops/argo-applications';
import type { Footprint } from '../props/footprint';
import { Adapted, PathMap, configPathOf } from '../props/path-map';
import { PropProblem, formatPath, renderMessage } from '../props/problems';
import { adaptAisCluster } from './ais';
import { adaptAisOperatorCluster } from './ais-operator';
import { AuristorStorageProps, adaptAuristorClient, auristorStoragePaths, auristorStorageProps } from './auristor';
import { adaptArgoApplications } from './gitops';

/** The AIS cluster of a config, in the mode it asks for. */
export type AdaptedAisCluster =
  | ({ readonly mode: 'standalone' } & Adapted<AisClusterProps>)
  | ({ readonly mode: 'operator' } & Adapted<AisOperatorClusterProps>);

/**
 * Everything a config describes, as construct props with the config keys they come from: what the
 * generator builds (once per synth) and what the rulebooks check.
 */
export interface AdaptedConfig {
  readonly config: ClusterConfig;
  readonly ais?: AdaptedAisCluster;
  readonly auristor?: Adapted<AuristorClientProps>;
  readonly auristorStorage?: AuristorStorageProps;
  readonly argoApplications?: Adapted<ArgoApplicationsProps>;
}

/** Runs the adapters of lib/from-config on a parsed config, once. */
export function adaptConfig(config: ClusterConfig): AdaptedConfig {
  const ais: AdaptedAisCluster | undefined = config.ais?.mode === 'operator'
    ? { mode: 'operator', ...adaptAisOperatorCluster(config) }
    : config.ais ? { mode: 'standalone', ...adaptAisCluster(config) } : undefined;
  return {
    config,
    ais,
    auristor: config.auristor && adaptAuristorClient(config.auristor),
    auristorStorage: config.auristor && auristorStorageProps(config.auristor),
    argoApplications: adaptArgoApplications(config),
  };
}

/**
 * A rulebook's problems at config keys: each prop path, and each prop a message refers to, through the
 * adapter's path map. A referenced key in the problem's own section is named within it (`csi.controllerVersion`
 * in a problem under `auristor:`), as the config reference lists it.
 */
function atConfigKeys(problems: readonly PropProblem[], paths: PathMap): ConfigPathProblem[] {
  const key = (path: readonly PropertyKey[]) => configPathOf(paths, path) ?? [];
  return problems.map((p) => {
    const path = key(p.path);
    const name = (ref: readonly PropertyKey[]) => {
      const refPath = key(ref);
      return formatPath(refPath.length > 1 && refPath[0] === path[0] ? refPath.slice(1) : refPath);
    };
    return { path, message: renderMessage(p.message, name), severity: p.severity };
  });
}

/** The members of the app the config builds, for the GitOps rulebook, each with its path map. */
function members(adapted: AdaptedConfig): Array<{ footprint: Footprint; paths: PathMap }> {
  const result: Array<{ footprint: Footprint; paths: PathMap }> = [];
  if (adapted.ais) {
    result.push({ footprint: aisClusterFootprint(adapted.ais.props, adapted.ais.mode, adapted.ais.mode === 'operator' ? 'AisOperatorCluster' : 'AisCluster'), paths: adapted.ais.paths });
  }
  if (adapted.auristor) result.push({ footprint: auristorClientFootprint(adapted.auristor.props, 'AuristorClient'), paths: adapted.auristor.paths });
  adapted.auristorStorage?.storageClasses.forEach((props, index) => {
    result.push({ footprint: storageClassFootprint(props), paths: auristorStoragePaths('storageClasses', index) });
  });
  adapted.auristorStorage?.persistentVolumes.forEach((props, index) => {
    result.push({ footprint: persistentVolumeFootprint(props), paths: auristorStoragePaths('persistentVolumes', index) });
  });
  return result;
}

/**
 * Every problem of a parsed config beyond its schema, at config keys: the rulebook of each construct the
 * config builds (AIS standalone or operator, AuriStorFS) and the GitOps rulebook (the Applications, the
 * release name, how the constructs fit together), errors and warnings.
 */
export function adaptedConfigProblems(adapted: AdaptedConfig): ConfigPathProblem[] {
  const problems: ConfigPathProblem[] = [];
  const ais = adapted.ais;
  if (ais) {
    const found = ais.mode === 'operator' ? aisOperatorClusterProblems(ais.props) : aisClusterProblems(ais.props);
    problems.push(...atConfigKeys(found, ais.paths));
  }
  if (adapted.auristor) problems.push(...atConfigKeys(auristorClientProblems(adapted.auristor.props), adapted.auristor.paths));
  const parts = members(adapted);
  const appPaths: PathMap = {
    release: ['name'],
    members: ([index, ...rest]) => configPathOf(parts[index as number].paths, rest) ?? [],
    ...(adapted.argoApplications ? { argoApplications: adapted.argoApplications.paths } : {}),
  };
  const app = gitOpsAppProblems({ release: adapted.config.name, members: parts.map((m) => m.footprint), argoApplications: adapted.argoApplications?.props });
  problems.push(...atConfigKeys(app, appPaths));
  return problems;
}

/**
 * The AIS upgrade-path rules (lib/ais/upgrade-path.ts) of the config's aisnode image against the image the cluster
 * runs now (`previousAisnode`, read from the output the synth would replace), at config keys. An image the config
 * leaves at its default is named as such (the problem then points at the section above the unset key).
 */
export function aisUpgradeConfigProblems(adapted: AdaptedConfig, previousAisnode: string): ConfigPathProblem[] {
  const ais = adapted.ais;
  if (!ais) return [];
  const next = (ais.props.images ?? DEFAULT_IMAGES).aisnode;
  const problems = aisUpgradeProblems({ previous: previousAisnode, next })
    .map((p) => (next === DEFAULT_AISNODE_IMAGE ? { ...p, message: `${p.message} (${next} is what ais.images.aisnode is when unset)` } : p));
  return atConfigKeys(problems, ais.paths);
}

/** The loader's check (lib/config/load.ts): the adapted config and its problems. */
export const checkConfig: ConfigCheck<AdaptedConfig> = (config) => {
  const adapted = adaptConfig(config);
  return { problems: adaptedConfigProblems(adapted), result: adapted };
};
