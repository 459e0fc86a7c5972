import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/config/errors';
import { parseConfig } from '../../../lib/from-config/load';
import type { Manifest } from '../../../lib/k8s/manifest';
import { EXAMPLES, find } from '../../support/cli';
import { validateAll } from '../../support/schema';
import { manifestsOf } from '../../support/synth';

const BASE = `name: lab
namespace: storage
ais:
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
`;
const reference = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'reference.yaml'), 'utf8'));
const podSpec = (manifests: readonly Manifest[], set: string) => find(manifests, 'StatefulSet', set).spec.template.spec;
const AIS_POD_SELECTOR = {
  matchLabels: { 'app.kubernetes.io/name': 'demo' },
  matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['proxy', 'target'] }],
};

describe('NetworkPolicy (on by default)', () => {
  it('admits the intra-cluster ports only from the cluster\'s own AIS pods and leaves the public ports open', async () => {
    const policy = find(reference, 'NetworkPolicy', 'demo-ais-ingress');
    expect(policy.metadata.namespace).toBe('ais');
    expect(policy.spec).toEqual({
      podSelector: AIS_POD_SELECTOR,
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: AIS_POD_SELECTOR }], ports: [{ port: 51082, protocol: 'TCP' }, { port: 51083, protocol: 'TCP' }] },
        { ports: [{ port: 51080, protocol: 'TCP' }, { port: 51081, protocol: 'TCP' }] },
      ],
    });
    expect(await validateAll([policy])).toEqual([]);
  });

  it('selects exactly the pods of the proxy and target StatefulSets', () => {
    const { matchLabels, matchExpressions } = find(reference, 'NetworkPolicy', 'demo-ais-ingress').spec.podSelector;
    for (const set of ['demo-proxy-primary', 'demo-proxy', 'demo-target']) {
      const labels = find(reference, 'StatefulSet', set).spec.template.metadata.labels;
      expect(labels).toMatchObject(matchLabels);
      expect(matchExpressions[0].values).toContain(labels['app.kubernetes.io/component']);
    }
  });

  it('follows the configured ports, and can be turned off', () => {
    const custom = manifestsOf(`${BASE}  ports: { proxy: 8080, target: 9090, intraControl: 9080, intraData: 10080 }\n`);
    const ingress = find(custom, 'NetworkPolicy', 'lab-ais-ingress').spec.ingress;
    expect(ingress.map((rule: any) => rule.ports.map((p: any) => p.port))).toEqual([[9080, 10080], [8080, 9090]]);
    expect(manifestsOf(`${BASE}  networkPolicy: false\n`).filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);
  });
});

describe('targets PodDisruptionBudget (on by default)', () => {
  it('lets drains evict one target at a time by default: maxUnavailable 1 over the target pods', async () => {
    const pdb = find(reference, 'PodDisruptionBudget', 'demo-target');
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'target' } },
    });
    expect(find(reference, 'StatefulSet', 'demo-target').spec.template.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(await validateAll([pdb])).toEqual([]);
  });

  it('takes a count or a percentage, and can be turned off', () => {
    const one = manifestsOf(`${BASE}  targetDisruptionBudget: { maxUnavailable: 0 }\n`);
    expect(find(one, 'PodDisruptionBudget', 'lab-target').spec.maxUnavailable).toBe(0);
    const share = manifestsOf(`${BASE}  targetDisruptionBudget: { maxUnavailable: 10% }\n`);
    expect(find(share, 'PodDisruptionBudget', 'lab-target').spec.maxUnavailable).toBe('10%');
    expect(manifestsOf(`${BASE}  targetDisruptionBudget: { enabled: false }\n`).filter((m) => m.kind === 'PodDisruptionBudget')).toEqual([]);
  });
});

describe('pod hardening defaults', () => {
  it('every AIS pod: RuntimeDefault seccomp, dedicated service account whose token only the AIS pods mount, hardened init container', () => {
    for (const set of ['demo-proxy-primary', 'demo-proxy', 'demo-target']) {
      const spec = podSpec(reference, set);
      expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(spec.serviceAccountName).toBe('demo-sa');
      expect(spec.automountServiceAccountToken).toBe(true); // aisnode GETs its own Pod at start
      expect(spec.initContainers[0].securityContext).toEqual({
        allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
      });
    }
    expect(find(reference, 'ServiceAccount', 'demo-sa').automountServiceAccountToken).toBe(false);
    // exactly what aisnode calls (aistore cmn/k8s/k8s.go Init): GET pods; no ClusterRole
    expect(reference.filter((m) => m.kind === 'Role' || m.kind === 'ClusterRole').map((m) => [m.kind, m.metadata.name, m.rules]))
      .toEqual([['Role', 'demo-role', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]]]);
  });

  it('aisnode is privileged only because the config says so (the Helm chart default)', () => {
    expect(podSpec(reference, 'demo-target').containers[0].securityContext).toEqual({ privileged: true });
    const unprivileged = manifestsOf(BASE.replace('ais:\n', 'ais:\n  privileged: false\n'));
    for (const set of ['lab-proxy-primary', 'lab-proxy', 'lab-target']) {
      expect(podSpec(unprivileged, set).containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
  });

  it('image pull secrets reach the service account and every pod', () => {
    const manifests = manifestsOf(BASE.replace('ais:\n', 'ais:\n  imagePullSecrets: [registry-creds]\n'));
    expect(find(manifests, 'ServiceAccount', 'lab-sa').imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
    for (const set of ['lab-proxy-primary', 'lab-proxy', 'lab-target']) {
      expect(podSpec(manifests, set).imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
    }
  });
});

describe('pinned images', () => {
  const problems = (images: string) => {
    try {
      parseConfig(BASE.replace('ais:\n', `ais:\n  images: ${images}\n`), 'cluster.yaml');
      return [];
    } catch (error) {
      return (error as ConfigError).message.split('\n');
    }
  };

  it('an image without a tag is an error at its line and column', () => {
    expect(problems('{ init: docker.io/aistorage/ais-init }')).toEqual([
      'cluster.yaml:4:19: ais.images.init: image docker.io/aistorage/ais-init is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)',
    ]);
  });

  it('a digest pins; allowUnpinned lets :latest through when asked for explicitly', () => {
    expect(problems('{ init: docker.io/aistorage/ais-init@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef }')).toEqual([]);
    expect(problems('{ aisnode: docker.io/aistorage/aisnode:latest, allowUnpinned: true }')).toEqual([]);
  });
});
