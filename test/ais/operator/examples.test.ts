import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { run } from '../../../lib/generator/cli';
import { celRulesWithoutPredicate, webhookAdmission } from '../../support/aistore-admission';
import { asOperatorMode, EXAMPLES_DIR, nodesMatching, ofKind, only, readExample, synthText } from '../../support/operator-build';
import { formatViolations, lintSecurity } from '../../../lib/lint/security';
import { validateAll } from '../../support/schema';

/** The examples that describe an AIS cluster (the AuriStorFS-only ones have no ais: section). */
const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml') && YAML.parse(readExample(f)).ais !== undefined).sort();

/** Each example as the operator runs it (operator.yaml as written, the standalone ones switched). */
function operatorOutput(example: string) {
  const text = readExample(example);
  return synthText(/mode:\s*operator/.test(text) ? text : asOperatorMode(text), example);
}

describe('every example in operator mode', () => {
  it('covers the operator example and the standalone ones', () => {
    expect(examples).toEqual(expect.arrayContaining(['minimal.yaml', 'operator.yaml', 'reference.yaml']));
  });

  it('mirrors every CEL rule of the vendored CRD', () => {
    expect(celRulesWithoutPredicate()).toEqual([]);
  });

  it.each(examples)('%s: every object is schema-valid and the webhook accepts the AIStore without warnings', async (example) => {
    const { manifests } = operatorOutput(example);
    expect(await validateAll([...manifests])).toEqual([]);
    expect(webhookAdmission(only(manifests, 'AIStore'))).toEqual({ errors: [], warnings: [] });
  });

  it.each(examples)('%s: the security lint finds nothing', (example) => {
    expect(formatViolations(lintSecurity(operatorOutput(example).manifests))).toBe('');
  });
});

describe('examples/operator.yaml: 12 nodes x 10 disks, per-target LoadBalancers', () => {
  const { files, manifests } = synthText(readExample('operator.yaml'), 'operator.yaml');
  const aistore = only(manifests, 'AIStore');
  const spec = aistore.spec;
  const cpus = Array.from({ length: 12 }, (_, i) => `cpu${String(i + 1).padStart(2, '0')}`);
  const disks = 'abcdefghij'.split('').map((d) => `/ais/sd${d}`);

  it('writes one file per concern, no StatefulSets of our own', () => {
    expect([...files.keys()]).toEqual(['ais-aistore.yaml', 'ais-metallb.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml', 'ais-storage.yaml']);
    expect(ofKind(manifests, 'StatefulSet')).toEqual([]);
    expect(ofKind(manifests, 'Service')).toEqual([]);
  });

  it('names the AIStore after the release, sizes it by node count, pins the images', () => {
    expect(aistore.apiVersion).toBe('ais.nvidia.com/v1beta1');
    expect(aistore.metadata).toMatchObject({ name: 'demo', namespace: 'ais' });
    expect(spec.size).toBe(12);
    expect(spec.proxySpec.size).toBeUndefined();
    expect(spec.nodeImage).toBe('docker.io/aistorage/aisnode:v4.9');
    expect(spec.initImage).toBe('docker.io/aistorage/ais-init:v4.9');
  });

  it('selects exactly the labelled nodes, and labels no initial primary', () => {
    expect(spec.proxySpec.nodeSelector).toEqual({ 'nvidia.com/ais-proxy': 'demo-ais-electable' });
    expect(spec.targetSpec.nodeSelector).toEqual({ 'nvidia.com/ais-target': 'demo-ais' });
    expect(nodesMatching(manifests, spec.proxySpec.nodeSelector)).toEqual(cpus);
    expect(nodesMatching(manifests, spec.targetSpec.nodeSelector)).toEqual(cpus);
    for (const node of ofKind(manifests, 'Node')) expect(Object.keys(node.metadata.labels ?? {})).not.toContain('nvidia.com/ais-initial-primary-proxy');
  });

  it('sets the four ports, proxy hostPort = proxy port (issue 20: proxies advertise a node address), target hostPort = target port', () => {
    expect(spec.proxySpec).toMatchObject({ servicePort: 51080, portPublic: 51080, hostPort: 51080, portIntraControl: 51082, portIntraData: 51083 });
    expect(spec.targetSpec).toMatchObject({ servicePort: 51081, portPublic: 51081, hostPort: 51081, portIntraControl: 51082, portIntraData: 51083 });
  });

  it('claims one local PV per disk through the Helm mpath selector, and each selector matches one PV per target node', () => {
    expect(spec.targetSpec.mounts.map((m: any) => m.path)).toEqual(disks);
    const pvs = ofKind(manifests, 'PersistentVolume');
    expect(pvs).toHaveLength(120);
    for (const mount of spec.targetSpec.mounts) {
      expect(mount).toMatchObject({ size: '16Ti', storageClass: 'demo-local' });
      expect(mount.useHostPath).toBeUndefined();
      const bound = pvs.filter((pv) => Object.entries<string>(mount.selector.matchLabels).every(([k, v]) => pv.metadata.labels?.[k] === v));
      expect(bound.map((pv) => pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]).sort()).toEqual(cpus);
      for (const pv of bound) {
        expect(pv.spec).toMatchObject({ storageClassName: 'demo-local', hostPath: { path: mount.path }, capacity: { storage: '16Ti' } });
      }
    }
    expect(spec.targetSpec.mounts[0].selector).toEqual({ matchLabels: { mpath: 'pv-ais-sda' } });
    expect(pvs[0].metadata).toMatchObject({ name: 'cpu01-pv-ais-sda', labels: { type: 'local', cluster: 'demo', mpath: 'pv-ais-sda' } });
    expect(only(manifests, 'StorageClass')).toMatchObject({ metadata: { name: 'demo-local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
  });

  it('operator: target LoadBalancers cannot take the gateway IP (the gateway has a pool of its own, which theirs leaves out)', () => {
    expect(spec.proxySpec.externalAccess).toEqual({ annotations: {
      'metallb.io/address-pool': 'demo-ais-gateway', 'metallb.io/loadBalancerIPs': '10.132.179.10',
      'metallb.universe.tf/address-pool': 'demo-ais-gateway', 'metallb.universe.tf/loadBalancerIPs': '10.132.179.10',
    } });
    expect(spec.targetSpec.externalAccess).toEqual({ annotations: { 'metallb.io/address-pool': 'demo-ais', 'metallb.universe.tf/address-pool': 'demo-ais' } });
    const pool = (name: string) => ofKind(manifests, 'IPAddressPool').find((p) => p.metadata.name === name)!.spec;
    expect(pool('demo-ais')).toEqual({ addresses: ['10.132.179.11-10.132.179.30'], autoAssign: false });
    expect(pool('demo-ais-gateway')).toEqual({ addresses: ['10.132.179.10/32'], autoAssign: false });
    expect(ofKind(manifests, 'L2Advertisement').map((a) => a.spec.ipAddressPools)).toEqual([['demo-ais'], ['demo-ais-gateway']]);
    expect(spec.enableExternalLB).toBeUndefined();
  });

  it('serves HTTPS with a certificate the operator has cert-manager issue, and reads AWS credentials by Secret name', () => {
    expect(spec.tls).toEqual({
      certificate: { issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer' }, mode: 'secret', additionalDNSNames: ['ais.example.com'] },
    });
    // the operator writes the /var/certs paths itself (its webhook rejects them next to spec.tls)
    expect(spec.configToUpdate.net.http).toEqual({ use_https: true, skip_verify: false, client_auth_tls: 0 });
    expect(spec.awsSecretName).toBe('aws-creds');
    expect(spec.gcpSecretName).toBeUndefined();
    // the operator makes Certificate demo-tls-cert: we emit none, nor a PodDisruptionBudget (targetSpec.pdb)
    expect(ofKind(manifests, 'Certificate')).toEqual([]);
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(spec.targetSpec.pdb).toEqual({ enabled: true, maxUnavailable: 1 });
  });

  it('restricts the intra-cluster ports to the pods the operator labels as this cluster\'s proxies and targets', () => {
    const policy = only(manifests, 'NetworkPolicy');
    expect(policy.metadata).toMatchObject({ name: 'demo-ais-ingress', namespace: 'ais' });
    // the operator's pod labels (ais-k8s cmn/labels.go): legacy + recommended + managed-by
    const operatorPod = (role: string) => ({
      app: 'demo', component: role, 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': role, 'app.kubernetes.io/managed-by': 'ais-operator',
    });
    const selects = (labels: Record<string, string>) => Object.entries<string>(policy.spec.podSelector.matchLabels).every(([k, v]) => labels[k] === v)
      && policy.spec.podSelector.matchExpressions.every((e: any) => e.operator === 'In' && e.values.includes(labels[e.key]));
    expect(selects(operatorPod('proxy'))).toBe(true);
    expect(selects(operatorPod('target'))).toBe(true);
    expect(selects({ ...operatorPod('target'), 'app.kubernetes.io/name': 'other' })).toBe(false);
    expect(selects({ ...operatorPod('client'), 'app.kubernetes.io/component': 'client' })).toBe(false);
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: policy.spec.podSelector }], ports: [{ port: 51082, protocol: 'TCP' }, { port: 51083, protocol: 'TCP' }] },
      { ports: [{ port: 51080, protocol: 'TCP' }, { port: 51081, protocol: 'TCP' }] },
    ]);
  });

  it('keeps state on the hosts, carries the operator keys, and is never pruned by Argo CD', () => {
    expect(spec.stateStorage).toEqual({ hostPath: { prefix: '/etc/ais' } });
    expect(spec).toMatchObject({ publicNetDNSMode: 'IP', cleanupMetadata: false, operatorSkipVerifyCrt: false });
    expect(spec.targetSpec.scaleDownMode).toBe('safe_decommission');
    expect(spec.targetSpec.aisContainerSecurityContext).toEqual({ privileged: true });
    expect(aistore.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false,SkipDryRunOnMissingResource=true');
  });
});

describe('the generator CLI in operator mode', () => {
  it('writes dist/ and, beside it, the operator values and Deployment patch', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-cli-'));
    const out: string[] = [];
    const code = run([path.join(EXAMPLES_DIR, 'operator.yaml'), '--out', path.join(dir, 'dist'), '--quiet'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    expect(code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['PLAN.md', 'ais-operator-patch.yaml', 'ais-operator-values.yaml', 'dist']);
    expect(fs.readFileSync(path.join(dir, 'ais-operator-values.yaml'), 'utf8')).toContain('aisCAConfigmapName: ais-operator-ais-ca');
    expect(fs.readFileSync(path.join(dir, 'dist', 'ais-aistore.yaml'), 'utf8')).toContain('kind: AIStore');
  });

  it('lists what must exist before sync: the operator, cert-manager and the issuer, the AWS Secret, the operator\'s CA ConfigMap', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-cli-'));
    const out: string[] = [];
    expect(run([path.join(EXAMPLES_DIR, 'operator.yaml'), '--out', path.join(dir, 'dist')], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) })).toBe(0);
    const text = out.join('\n');
    expect(text.slice(text.indexOf('must exist before sync:')).trimEnd().split('\n')).toEqual([
      'must exist before sync:',
      '  CustomResourceDefinition aistores.ais.nvidia.com: the AIS operator, which runs the cluster from the AIStore',
      '  CustomResourceDefinition ipaddresspools.metallb.io: MetalLB 0.13 to 0.16, which gives the LoadBalancers their IPs (both annotation prefixes are set: metallb.universe.tf/ for releases before 0.14.9, metallb.io/ after)',
      '  CustomResourceDefinition certificates.cert-manager.io: cert-manager, which issues the AIS certificates',
      '  ClusterIssuer ca-issuer: issues the AIS certificate and puts its CA into ca.crt',
      '  Secret ais/aws-creds (keys config, credentials): AWS backend credentials of the targets',
      '  ConfigMap ais-operator-system/ais-operator-ais-ca: CA certificates (.crt/.pem) the operator verifies AIS with',
    ]);
  });

  it('writes the node label script without an initial-primary label', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-cli-'));
    const config = path.join(dir, 'c.yaml');
    fs.writeFileSync(config, `name: demo
kubernetesVersion: "1.29"
ais:
  mode: operator
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
  nodeLabels: { output: script }
`);
    expect(run([config, '--out', path.join(dir, 'dist'), '--quiet'], { stdout: () => {}, stderr: () => {} })).toBe(0);
    const script = fs.readFileSync(path.join(dir, 'label-nodes.sh'), 'utf8');
    expect(script).toContain('kubectl label node n1 nvidia.com/ais-target=demo-ais nvidia.com/ais-proxy=demo-ais-electable --overwrite');
    expect(script).not.toContain('initial-primary');
    expect(fs.readdirSync(path.join(dir, 'dist'))).not.toContain('ais-node-labels.yaml');
  });
});
