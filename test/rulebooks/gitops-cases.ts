/**
 * The rows of the GitOps rulebook (lib/gitops/app-checks.ts): an app of top-level constructs and its Argo CD
 * Applications (library: `applyGitOps(app, applications)`), a config with both sections and `gitops:` (YAML).
 * A library problem's path names the construct: `<construct path> (<construct>) props.<prop path>`.
 */
import { App, Chart } from 'cdk8s';
import { AisCluster } from '../../lib/ais/cluster';
import { MountpathStorage } from '../../lib/ais/storage/mountpath';
import { AuristorClient } from '../../lib/auristor/client';
import type { AuristorClientProps } from '../../lib/auristor/client-props';
import { KmodDelivery } from '../../lib/auristor/kmod/delivery';
import { AuristorMount } from '../../lib/auristor/storage/mount';
import { AuristorPersistentVolume } from '../../lib/auristor/storage/persistent-volume';
import { AuristorStorageClass } from '../../lib/auristor/storage/storage-class';
import type { AisClusterProps } from '../../lib/ais/cluster-props';
import type { ArgoApplicationsProps } from '../../lib/gitops/argo-applications';
import { RuleCase, edit } from './cases';

/** What a GitOps case builds: the app's constructs, and the Applications applyGitOps adds. */
export interface AppBuild {
  readonly build: (app: App) => void;
  readonly argo?: ArgoApplicationsProps;
}

const KERNEL = '4.18.0-305.49.1.el8_4.x86_64';
const AIS: AisClusterProps = { name: 'demo', namespace: 'shared', proxyNodes: ['cpu01'], targetNodes: ['cpu01'], mountpaths: [{ path: '/ais/sda', size: '1Ti' }] };
const AURISTOR: AuristorClientProps = {
  delivery: KmodDelivery.STATIC, groups: [{ name: 'compute', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: [KERNEL] }],
};
export const ARGO: ArgoApplicationsProps = { name: 'demo', destinationNamespace: 'shared', repoURL: 'https://git.example.com/fleet.git', path: 'dist', applicationsPath: 'argocd', layout: 'single' };

const fleet = (ais: Partial<AisClusterProps> = {}, auristor: Partial<AuristorClientProps> = {}) => (app: App) => {
  new AisCluster(app, 'ais', { ...AIS, ...ais });
  new AuristorClient(new Chart(app, 'auristor'), 'client', { ...AURISTOR, ...auristor });
};

export const GITOPS_YAML = `name: demo
namespace: shared
ais:
  proxies: { nodes: [cpu01] }
  targets: { nodes: [cpu01], mountpaths: [{ path: /ais/sda, size: 1Ti }], storage: localPV }
auristor:
  delivery: static
  groups:
    - name: compute
      nodes: [cpu01]
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [${KERNEL}]
gitops:
  argocd: { repoURL: "https://git.example.com/fleet.git" }
`;

const yaml = (from: string, to: string) => edit(GITOPS_YAML, from, to);
const argocd = (to: string) => yaml('  argocd: { repoURL: "https://git.example.com/fleet.git" }', to);

export const GITOPS_CASES: ReadonlyArray<RuleCase<AppBuild>> = [
  { rule: 'the release name is a DNS-1123 label (when no AIS cluster derives names from it)',
    props: { build: () => {}, argo: { ...ARGO, name: 'r'.repeat(64) } },
    problem: { path: 'props.argoApplications.name', message: `release name ${'r'.repeat(64)} is 64 characters; at most 63` },
    yaml: { text: `name: ${'r'.repeat(64)}\nauristor:\n  delivery: static\n  groups:\n    - { name: compute, nodes: [cpu01], kmodVersion: "2021.05-20", csiVersion: "2022.09-1", kernels: [${KERNEL}] }\n`,
      path: 'name', at: 'r'.repeat(64) } },
  { rule: 'prune needs automated sync',
    props: { build: () => {}, argo: { ...ARGO, prune: true } },
    problem: { path: 'props.argoApplications.prune', message: 'prune applies only to automated sync: set argoApplications.automated: true or remove prune' },
    yaml: { text: argocd('  argocd: { repoURL: "https://git.example.com/fleet.git", prune: true }'), path: 'gitops.argocd.prune', at: 'true',
      message: 'prune applies only to automated sync: set argocd.automated: true or remove prune' } },
  { rule: 'the Application manifests lie outside the synced folder',
    props: { build: () => {}, argo: { ...ARGO, applicationsPath: 'dist/argocd' } },
    problem: { path: 'props.argoApplications.applicationsPath', message: 'the Application manifests (dist/argocd) must lie outside the synced folder (dist) and not contain it: an Application that syncs its own manifest manages itself' },
    yaml: { text: argocd('  argocd: { repoURL: "https://git.example.com/fleet.git", applicationsPath: dist/argocd }'), path: 'gitops.argocd.applicationsPath', at: 'dist/argocd' } },
  { rule: 'the destination cluster is a server or a name',
    props: { build: () => {}, argo: { ...ARGO, destinationServer: 'https://x', destinationName: 'y' } },
    problem: { path: 'props.argoApplications.destinationName', message: 'the destination cluster is argoApplications.destinationServer or argoApplications.destinationName, not both' },
    yaml: { text: argocd('  argocd: { repoURL: "https://git.example.com/fleet.git", destination: { server: "https://x", name: y } }'), path: 'gitops.argocd.destination.name', at: 'y }',
      message: 'the destination cluster is argocd.destination.server or argocd.destination.name, not both' } },
  { rule: 'an AuriStorFS group does not share the AIS cluster\'s namespace',
    props: { build: fleet({}, { groups: [{ ...AURISTOR.groups[0], namespace: 'shared' }] }) },
    problem: { path: 'auristor/client/compute (AuristorGroupResources) props.group.namespace', message: 'namespace shared is also the namespace of the AIS cluster; give AuriStorFS group compute its own namespace' },
    yaml: { text: yaml('    - name: compute\n', '    - name: compute\n      namespace: shared\n'), path: 'auristor.groups[0].namespace', at: ['shared', 2] } },
  { rule: 'the AuriStorFS CSI controller does not share the AIS cluster\'s namespace',
    props: { build: fleet({ namespace: 'auristorfs-csi' }) },
    problem: { path: 'auristor/client/Cluster (AuristorClusterResources) props.csiNamespace', message: 'namespace auristorfs-csi is also the namespace of the AIS cluster; give the AuriStorFS CSI controller its own namespace' },
    yaml: { text: yaml('  delivery: static\n', '  delivery: static\n  csi: { namespace: shared }\n'), path: 'auristor.csi.namespace', at: ['shared', 2],
      message: 'namespace shared is also the namespace of the AIS cluster; give the AuriStorFS CSI controller its own namespace' } },
  { rule: 'an AuriStorFS StorageClass does not take the AIS local StorageClass\'s name',
    props: { build: (app) => {
      fleet({ storage: MountpathStorage.LOCAL_PV })(app);
      new AuristorStorageClass(new Chart(app, 'storage'), 'sc', { name: 'demo-local', mount: AuristorMount.root() });
    } },
    problem: { path: 'storage/sc (AuristorStorageClass) props.name', message: 'StorageClass demo-local is also the AIS local StorageClass; rename one' },
    yaml: { text: `${GITOPS_YAML.replace('gitops:', '  storageClasses: [{ name: demo-local, mountType: root }]\ngitops:')}`, path: 'auristor.storageClasses[0].name', at: 'demo-local' } },
  { rule: 'an AuriStorFS PersistentVolume does not take the name of an AIS local PV',
    props: { build: (app) => {
      fleet({ storage: MountpathStorage.LOCAL_PV })(app);
      new AuristorPersistentVolume(new Chart(app, 'storage'), 'pv', { name: 'demo-cpu01-ais-sda', mount: AuristorMount.root() });
    } },
    problem: { path: 'storage/pv (AuristorPersistentVolume) props.name', message: 'PersistentVolume demo-cpu01-ais-sda is also the AIS local PV of node cpu01 and mountpath /ais/sda; rename one' },
    yaml: { text: GITOPS_YAML.replace('gitops:', '  persistentVolumes: [{ name: demo-cpu01-ais-sda, mountType: root }]\ngitops:'),
      path: 'auristor.persistentVolumes[0].name', at: 'demo-cpu01-ais-sda' } },
  { rule: 'an AIS node label does not use the AuriStorFS group key on a node of both',
    props: { build: fleet({ nodeLabels: { target: { key: 'auristor.com/auristorfs-group', value: 'ais' } } }) },
    problem: { path: 'ais (AisCluster) props.nodeLabels.target.key', message: 'auristor.com/auristorfs-group is also the AuriStorFS node-group label, and node cpu01 carries both: a node holds one value per key; use another key for the AIS target label' },
    yaml: { text: yaml('  targets:', '  nodeLabels: { target: { key: auristor.com/auristorfs-group, value: ais } }\n  targets:'), path: 'ais.nodeLabels.target.key', at: 'auristor.com/auristorfs-group' } },
  { rule: 'AuriStorFS storage objects are listed once',
    props: { build: (app) => {
      const chart = new Chart(app, 'storage');
      new AuristorStorageClass(chart, 'a', { name: 'afs', mount: AuristorMount.root() });
      new AuristorStorageClass(chart, 'b', { name: 'afs', mount: AuristorMount.root() });
    } },
    problem: { path: 'storage/b (AuristorStorageClass) props.name', message: 'StorageClass afs is listed twice' },
    yaml: { text: `${GITOPS_YAML.replace('gitops:', '  storageClasses: [{ name: afs, mountType: root }, { name: afs, mountType: root }]\ngitops:')}`,
      path: 'auristor.storageClasses[1].name', at: ['afs', 2] } },
  { rule: 'two AuriStorFS clients do not claim one node for different groups (library only: a config has one client)',
    props: { build: (app) => {
      new AuristorClient(new Chart(app, 'a'), 'client', AURISTOR);
      new AuristorClient(new Chart(app, 'b'), 'client', { ...AURISTOR, csiNamespace: 'afs-csi-b', groups: [{ ...AURISTOR.groups[0], name: 'other' }] });
    } },
    problem: { path: 'b/client/other (AuristorGroupResources) props.group.name', message: 'node cpu01 gets auristor.com/auristorfs-group=other here and auristor.com/auristorfs-group=compute as the AuriStorFS node-group label: a node holds one value per key, so it belongs to one of them' } },
];
