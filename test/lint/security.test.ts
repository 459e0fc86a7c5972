import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../lib/k8s/manifest';
import { formatViolations, LintedObject, lintSecurity, SecurityRule } from '../../lib/lint/security';
import { EXAMPLES, find } from '../support/cli';
import { synthConfig } from '../support/synth';

/** Every example, whoever added it: the lint must hold for all of them. */
const EXAMPLE_FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();

describe('security lint over every example', () => {
  it('covers the examples this issue added', () => {
    expect(EXAMPLE_FILES).toEqual(expect.arrayContaining(['https.yaml', 'https-selfsigned.yaml', 'minimal.yaml', 'reference.yaml']));
  });

  it.each(EXAMPLE_FILES)('%s has no violation', (file) => {
    const { manifests } = synthConfig(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
    expect(manifests.length).toBeGreaterThan(0);
    expect(formatViolations(lintSecurity(manifests))).toBe('');
  });
});

/** The HTTPS example's output, fresh for each plant. */
const base = (): Manifest[] => structuredClone([...synthConfig(fs.readFileSync(path.join(EXAMPLES, 'https.yaml'), 'utf8')).manifests]);
const targets = (objects: Manifest[]) => find(objects, 'StatefulSet', 'secure-target');
const rulesOf = (objects: readonly LintedObject[]) => lintSecurity(objects).map((v) => `${v.rule} ${v.object} ${v.path}`);

const object = (kind: string, name: string, rest: Record<string, unknown> = {}, labels?: Record<string, string>): Manifest => ({
  apiVersion: kind.endsWith('Role') || kind.endsWith('Binding') ? 'rbac.authorization.k8s.io/v1' : kind === 'DaemonSet' ? 'apps/v1' : 'v1',
  kind, metadata: { name, namespace: 'ais', labels }, ...rest,
});
const container = (name: string, extra: Record<string, unknown> = {}) => ({
  name, image: 'registry.example.com/tool:1.2.3', resources: { requests: { cpu: '10m', memory: '16Mi' } }, ...extra,
});
const daemonSet = (name: string, component: string | undefined, containers: object[]) => object('DaemonSet', name, {
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers } } },
}, component ? { 'app.kubernetes.io/name': 'auristorfs-client', 'app.kubernetes.io/component': component } : undefined);

/** AIStore roles whose aisnode containers request cpu and memory (so a planted AIStore trips only the rule under test). */
const aisnodeRequests = Object.fromEntries(['proxySpec', 'targetSpec'].map((role) => [role, { resources: { requests: { cpu: '1', memory: '1Gi' } } }]));

describe('planted violations: each rule fires, naming the object and the place', () => {
  it('the unplanted base is clean', () => {
    expect(rulesOf(base())).toEqual([]);
  });

  it(`${SecurityRule.SECRET_DATA}: a Secret carrying data or stringData (an empty Secret is not flagged)`, () => {
    const objects = [...base(),
      object('Secret', 'aws-creds', { data: { credentials: 'W2RlZmF1bHRdCg==' } }),
      object('Secret', 'token', { stringData: { token: 'x' } }),
      object('Secret', 'placeholder', { type: 'Opaque' })];
    expect(rulesOf(objects)).toEqual(['secret-data Secret ais/aws-creds data', 'secret-data Secret ais/token stringData']);
  });

  it(`${SecurityRule.KEY_MATERIAL}: PEM blocks (plain or base64), private keys and token-looking strings anywhere`, () => {
    const objects = base();
    const config = find(objects, 'ConfigMap', 'secure-global-cm');
    config.data['ca.pem'] = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    (config.metadata as { annotations?: Record<string, string> }).annotations = { note: 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=' };
    const env = targets(objects).spec.template.spec.containers[0].env;
    const first = env.length;
    const at = (offset: number) => `spec.template.spec.containers[0].env[${first + offset}].value`;
    env.push({ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' });
    env.push({ name: 'TOKEN', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhaXMifQ.c2lnbmF0dXJl' });
    env.push({ name: 'GCP', value: '{"type": "service_account", "private_key": "x"}' });
    expect(rulesOf(objects)).toEqual([
      'key-material ConfigMap ais/secure-global-cm metadata.annotations.note',
      'key-material ConfigMap ais/secure-global-cm data.ca.pem',
      `key-material StatefulSet ais/secure-target ${at(0)}`,
      `key-material StatefulSet ais/secure-target ${at(1)}`,
      `key-material StatefulSet ais/secure-target ${at(2)}`,
    ]);
  });

  it(`${SecurityRule.UNPINNED_IMAGE}: :latest or no tag, in pods and in custom resources (nodeImage)`, () => {
    const objects = base();
    const spec = targets(objects).spec.template.spec;
    spec.containers[0].image = 'docker.io/aistorage/aisnode:latest';
    spec.initContainers[0].image = 'docker.io/aistorage/ais-init';
    objects.push({ apiVersion: 'ais.nvidia.com/v1beta1', kind: 'AIStore', metadata: { name: 'op', namespace: 'ais' },
      spec: { nodeImage: 'aistorage/aisnode:latest', initImage: 'aistorage/ais-init:v4.9', ...aisnodeRequests } });
    expect(rulesOf(objects)).toEqual([
      'unpinned-image StatefulSet ais/secure-target spec.template.spec.containers[0].image',
      'unpinned-image StatefulSet ais/secure-target spec.template.spec.initContainers[0].image',
      'unpinned-image AIStore ais/op spec.nodeImage',
    ]);
  });

  it(`${SecurityRule.PRIVILEGED}: outside ais-node of AIS proxies/targets and AuriStorFS kmod/CSI pods`, () => {
    const objects = base();
    const spec = targets(objects).spec.template.spec;
    spec.initContainers[0].securityContext = { privileged: true };
    spec.containers.push(container('debug', { securityContext: { privileged: true } }));
    objects.push(daemonSet('node-tuner', undefined, [container('tuner', { securityContext: { privileged: true } })]));
    objects.push(daemonSet('storage-tool', 'storage', [container('tool', { securityContext: { privileged: true } })]));
    expect(rulesOf(objects)).toEqual([
      'privileged StatefulSet ais/secure-target spec.template.spec.containers[1]',
      'privileged StatefulSet ais/secure-target spec.template.spec.initContainers[0]',
      'privileged DaemonSet ais/node-tuner spec.template.spec.containers[0]',
      'privileged DaemonSet ais/storage-tool spec.template.spec.containers[0]',
    ]);
  });

  it(`${SecurityRule.PRIVILEGED} allowance: AuriStorFS kmod, csi-node, csi-controller and volume-manager pods pass`, () => {
    const auristor = ['kmod', 'csi-node', 'csi-controller', 'volume-manager'].map((component) =>
      daemonSet(`auristorfs-${component}`, component, [container('driver', { securityContext: { privileged: true } })]));
    expect(rulesOf([...base(), ...auristor])).toEqual([]);
    expect(find(base(), 'StatefulSet', 'secure-proxy').spec.template.spec.containers[0].securityContext).toEqual({ privileged: true });
  });

  it(`${SecurityRule.RBAC_WILDCARD}: * in any rule field, or a binding to cluster-admin`, () => {
    const objects = [...base(),
      object('Role', 'everything', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }] }),
      object('ClusterRole', 'reader', { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get'] }] }),
      object('ClusterRoleBinding', 'root', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [] }),
      object('Role', 'exact', { rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] }] })];
    expect(rulesOf(objects)).toEqual([
      'rbac-wildcard Role ais/everything rules[0].verbs',
      'rbac-wildcard ClusterRole ais/reader rules[0].apiGroups',
      'rbac-wildcard ClusterRole ais/reader rules[0].resources',
      'rbac-wildcard ClusterRoleBinding ais/root roleRef',
    ]);
  });

  it(`${SecurityRule.RESOURCE_REQUESTS}: every container and init container requests cpu and memory`, () => {
    const objects = base();
    const spec = targets(objects).spec.template.spec;
    delete spec.initContainers[0].resources;
    spec.containers[0].resources = { requests: { cpu: '1' }, limits: { memory: '1Gi' } };
    const violations = lintSecurity(objects);
    expect(violations.map((v) => v.message)).toEqual(['container populate-env requests no cpu and memory', 'container ais-node requests no memory']);
    expect(formatViolations(violations).split('\n')[1])
      .toBe('StatefulSet ais/secure-target: resource-requests at spec.template.spec.containers[0]: container ais-node requests no memory');
  });
});

describe('operator mode: the lint reads the AIStore', () => {
  const operatorBase = (): Manifest[] => structuredClone([...synthConfig(fs.readFileSync(path.join(EXAMPLES, 'operator.yaml'), 'utf8')).manifests]);
  const aistore = (objects: Manifest[]) => objects.find((o) => o.kind === 'AIStore')!;

  it('the operator example is clean: aisnode requests cpu and memory in both roles, privileged only as the aisnode security context', () => {
    const objects = operatorBase();
    expect(rulesOf(objects)).toEqual([]);
    expect(aistore(objects).spec.targetSpec).toMatchObject({
      resources: { requests: { cpu: '500m', memory: '1Gi' } }, aisContainerSecurityContext: { privileged: true },
    });
  });

  it(`${SecurityRule.RESOURCE_REQUESTS}: an AIStore role without aisnode requests`, () => {
    const objects = operatorBase();
    delete aistore(objects).spec.proxySpec.resources;
    aistore(objects).spec.targetSpec.resources = { requests: { cpu: '2' }, limits: { memory: '8Gi' } };
    const violations = lintSecurity(objects);
    expect(formatViolations(violations).split('\n')).toEqual([
      'AIStore ais/demo: resource-requests at spec.proxySpec.resources: container ais-node of the proxies requests no cpu and memory',
      'AIStore ais/demo: resource-requests at spec.targetSpec.resources: container ais-node of the targets requests no memory',
    ]);
  });

  it(`${SecurityRule.UNPINNED_IMAGE} and ${SecurityRule.KEY_MATERIAL} in AIStore fields`, () => {
    const objects = operatorBase();
    const spec = aistore(objects).spec;
    spec.initImage = 'docker.io/aistorage/ais-init:latest';
    spec.adminClient = { image: 'docker.io/aistorage/ais-util' };
    spec.targetSpec.env = [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' }];
    expect(rulesOf(objects)).toEqual([
      'unpinned-image AIStore ais/demo spec.initImage',
      'key-material AIStore ais/demo spec.targetSpec.env[0].value',
      'unpinned-image AIStore ais/demo spec.adminClient.image',
    ]);
  });
});
