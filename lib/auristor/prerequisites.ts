import type { Prerequisite } from '../k8s/prerequisite';
import type { AuristorClientProps } from './client-props';
import { clientConfigVolumes } from './client-config';
import { KmodDelivery } from './kmod/delivery';
import { resolveNodeGroup } from './group';
import { KERNEL_VERSION_LABEL } from './names';
import { DEFAULT_SRO_CHART_VERSION, sroChartConfigMapName } from './kmod/special-resource';

/**
 * What the AuriStorFS client needs in the cluster and does not create: per group namespace the client
 * config and CellServDB ConfigMaps and the keytab Secret (sro and static, which mount them; names only: their
 * contents never go to Git),
 * the pull secret, the operator whose resource we emit (SRO or KMM), SRO's chart ConfigMap, and
 * Node Feature Discovery's kernel label for kernel-affine pods.
 */
export function auristorPrerequisites(props: AuristorClientProps): Prerequisite[] {
  const result: Prerequisite[] = [];
  if (props.delivery === KmodDelivery.SRO) {
    result.push({ kind: 'CustomResourceDefinition', name: 'specialresources.sro.openshift.io', purpose: 'the Special Resource Operator, which renders the kmod and CSI objects' });
  }
  if (props.delivery === KmodDelivery.KMM) {
    result.push({ kind: 'CustomResourceDefinition', name: 'modules.kmm.sigs.x-k8s.io', purpose: 'Kernel Module Management, which loads yfs from KMM-layout images' });
  }
  if (props.delivery !== KmodDelivery.KMM) {
    result.push({ kind: 'Node label', name: KERNEL_VERSION_LABEL, purpose: 'set by Node Feature Discovery on every AuriStorFS node: kmod pods are placed by kernel' });
  }
  for (const group of props.groups.map(resolveNodeGroup)) {
    const namespace = group.namespace;
    // KMM mounts no client configuration (it runs modprobe only): the cache manager and its files are the host's
    const volumes = props.delivery === KmodDelivery.KMM ? [] : clientConfigVolumes(props.clientConfig);
    for (const volume of volumes) {
      if (volume.configMap) {
        result.push({ kind: 'ConfigMap', name: volume.configMap, namespace, purpose: `AuriStorFS ${volume.target} of group ${group.name}` });
      } else if (volume.secret) {
        result.push({ kind: 'Secret', name: volume.secret, namespace, purpose: `AuriStorFS keytabs (${volume.target}) of group ${group.name}` });
      }
    }
    if (props.imagePullSecret) {
      result.push({ kind: 'Secret', name: props.imagePullSecret, namespace, keys: ['.dockerconfigjson'], purpose: `image pull secret of group ${group.name}` });
    }
    if (props.delivery === KmodDelivery.SRO) {
      result.push({ kind: 'ConfigMap', name: sroChartConfigMapName(namespace), namespace, keys: ['index.yaml', `${namespace}-${props.sroChartVersion ?? DEFAULT_SRO_CHART_VERSION}.tgz`],
        purpose: "AuriStor's packaged SRO chart (bin/buildSpecialResourceChart; docs/auristor.md)" });
    }
  }
  return result;
}
