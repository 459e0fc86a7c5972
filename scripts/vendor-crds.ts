/**
 * Copies the upstream schemas we build objects for from ../shared into this repository, with every
 * `description` removed (they are long and carry no validation rules):
 * - crds/: the CRDs `cdk8s import` turns into the L1 classes in `imports/` (AIS, SRO, KMM); shipped.
 * - test/schemas/crds/: the CRDs of the other custom resources we emit (cert-manager, Argo CD,
 *   external-secrets, MetalLB, prometheus-operator, Multus); the tests validate against them, strictly.
 * - test/schemas/k8s-1.28/_definitions.json: the Kubernetes 1.28 API definitions (the file
 *   `cdk8s import k8s@1.28` reads); the tests validate every core object against it, strictly.
 *
 * Run: `npx tsx scripts/vendor-crds.ts` (then `npx cdk8s import` when crds/ changed; see cdk8s.yaml).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';

const ROOT = path.resolve(__dirname, '..');
// the team's shared folder beside the checkout (set SHARED_DIR when the checkout is a worktree elsewhere)
const SHARED = process.env.SHARED_DIR ?? path.resolve(ROOT, '..', 'shared');

const CRDS: Array<{ from: string; to: string }> = [
  { from: 'ais/ais.nvidia.com_aistores.yaml', to: 'crds/ais.nvidia.com_aistores.yaml' },
  { from: 'sro/sro.openshift.io_specialresources.yaml', to: 'crds/sro.openshift.io_specialresources.yaml' },
  { from: 'kmm/kmm.sigs.x-k8s.io_modules.yaml', to: 'crds/kmm.sigs.x-k8s.io_modules.yaml' },
  { from: 'cert-manager/cert-manager.io_certificates.yaml', to: 'test/schemas/crds/cert-manager.io_certificates.yaml' },
  { from: 'cert-manager/cert-manager.io_issuers.yaml', to: 'test/schemas/crds/cert-manager.io_issuers.yaml' },
  { from: 'cert-manager/cert-manager.io_clusterissuers.yaml', to: 'test/schemas/crds/cert-manager.io_clusterissuers.yaml' },
  { from: 'argocd/application-crd.yaml', to: 'test/schemas/crds/argoproj.io_applications.yaml' },
  { from: 'argocd/applicationset-crd.yaml', to: 'test/schemas/crds/argoproj.io_applicationsets.yaml' },
  // not in shared/: argo-cd 37ee009 manifests/crds/appproject-crd.yaml, copied beside the others as argocd/appproject-crd.yaml
  { from: 'argocd/appproject-crd.yaml', to: 'test/schemas/crds/argoproj.io_appprojects.yaml' },
  { from: 'external-secrets/external-secrets.io_externalsecrets.yaml', to: 'test/schemas/crds/external-secrets.io_externalsecrets.yaml' },
  { from: 'metallb/metallb.io_ipaddresspools.yaml', to: 'test/schemas/crds/metallb.io_ipaddresspools.yaml' },
  { from: 'metallb/metallb.io_l2advertisements.yaml', to: 'test/schemas/crds/metallb.io_l2advertisements.yaml' },
  { from: 'prometheus-operator/monitoring.coreos.com_podmonitors.yaml', to: 'test/schemas/crds/monitoring.coreos.com_podmonitors.yaml' },
  { from: 'prometheus-operator/monitoring.coreos.com_servicemonitors.yaml', to: 'test/schemas/crds/monitoring.coreos.com_servicemonitors.yaml' },
  { from: 'prometheus-operator/monitoring.coreos.com_prometheusrules.yaml', to: 'test/schemas/crds/monitoring.coreos.com_prometheusrules.yaml' },
  { from: 'multus/k8s.cni.cncf.io_network-attachment-definitions.yaml', to: 'test/schemas/crds/k8s.cni.cncf.io_network-attachment-definitions.yaml' },
];

const K8S_DEFINITIONS = { from: 'k8s-schema/v1.28.0/_definitions.json', to: 'test/schemas/k8s-1.28/_definitions.json' };

function stripDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDescriptions);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'description' && typeof child === 'string') continue;
      result[key] = stripDescriptions(child);
    }
    return result;
  }
  return value;
}

function write(to: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(ROOT, to)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, to), text);
  console.log(`${to}: ${text.length} bytes`);
}

for (const source of CRDS) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(SHARED, 'crds', source.from), 'utf8'))
    .map((doc) => doc.toJS())
    .filter((doc) => doc);
  const text = docs.map((doc) => YAML.stringify(stripDescriptions(doc), { lineWidth: 0 })).join('---\n');
  write(source.to, `# vendored from ../shared/crds/${source.from} (descriptions removed); see ${path.dirname(source.to)}/SOURCE.md\n${text}`);
}
const definitions = JSON.parse(fs.readFileSync(path.join(SHARED, K8S_DEFINITIONS.from), 'utf8'));
write(K8S_DEFINITIONS.to, `${JSON.stringify(stripDescriptions(definitions))}\n`);
