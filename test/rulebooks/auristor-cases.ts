/** The rows of the AuriStorFS rulebook (lib/auristor/client-checks.ts): props of an AuristorClient, an `auristor:` config. */
import type { AuristorClientProps } from '../../lib/auristor/client-props';
import type { AuristorNodeGroup } from '../../lib/auristor/group';
import { KmodDelivery } from '../../lib/auristor/kmod/delivery';
import { RuleCase, edit } from './cases';

const KERNEL = '4.18.0-305.49.1.el8_4.x86_64';
const GROUP: AuristorNodeGroup = { name: 'group-1', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: [KERNEL] };

export const AURISTOR_PROPS: AuristorClientProps = { delivery: KmodDelivery.STATIC, groups: [GROUP] };

export const AURISTOR_YAML = `name: demo
auristor:
  delivery: static
  groups:
    - name: group-1
      nodes: [cpu01]
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [${KERNEL}]
`;

const SECOND = `    - name: group-2
      nodes: [cpu02]
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [${KERNEL}]
`;

const props = (change: Partial<AuristorClientProps>): AuristorClientProps => ({ ...AURISTOR_PROPS, ...change });
const group = (change: Partial<AuristorNodeGroup>): AuristorClientProps => props({ groups: [{ ...GROUP, ...change }] });
const two = (change: Partial<AuristorNodeGroup>, clientChange: Partial<AuristorClientProps> = {}): AuristorClientProps =>
  props({ ...clientChange, groups: [GROUP, { ...GROUP, name: 'group-2', nodes: ['cpu02'], ...change }] });
const yaml = (from: string, to: string) => edit(AURISTOR_YAML, from, to);
const withSecond = (text = AURISTOR_YAML) => `${text}${SECOND}`;
const KMM = { delivery: KmodDelivery.KMM, kmmLayoutImages: true, kmmRegistry: 'registry.example.com/kmm' };
const KMM_YAML = 'delivery: kmm\n  kmm: { kmmLayoutImages: true, registry: registry.example.com/kmm }';

export const AURISTOR_CASES: ReadonlyArray<RuleCase<AuristorClientProps>> = [
  // delivery
  { rule: 'KMM delivery needs KMM-layout images',
    props: props({ delivery: KmodDelivery.KMM }),
    problem: { path: 'delivery', message: 'delivery kmm makes KMM run "modprobe -d /opt yfs" from each image, so every image must hold yfs.ko under /opt/lib/modules/<kernel>/; '
      + 'AuriStor\'s SRO driver-container images do not, and KMM does not run the AuriStorFS cache manager (docs/auristor.md). Set kmmLayoutImages: true once your registry holds such images' },
    yaml: { text: yaml('delivery: static', 'delivery: kmm'), path: 'auristor.delivery', at: 'kmm',
      message: 'delivery kmm makes KMM run "modprobe -d /opt yfs" from each image, so every image must hold yfs.ko under /opt/lib/modules/<kernel>/; '
        + 'AuriStor\'s SRO driver-container images do not, and KMM does not run the AuriStorFS cache manager (docs/auristor.md). Set kmm.kmmLayoutImages: true once your registry holds such images' } },
  { rule: 'KMM delivery names the registry of its KMM-layout images (AuriStor publishes none)',
    props: props({ delivery: KmodDelivery.KMM, kmmLayoutImages: true }),
    problem: { path: 'kmmRegistry', message: 'delivery kmm loads KMM-layout images (<registry>/auristor-kmod-<kmodVersion>:<kernel>), which AuriStor does not publish: set kmmRegistry to the registry holding yours' },
    yaml: { text: yaml('delivery: static', 'delivery: kmm\n  kmm: { kmmLayoutImages: true }'), path: 'auristor.kmm.registry', at: 'kmm:',
      message: 'delivery kmm loads KMM-layout images (<registry>/auristor-kmod-<kmodVersion>:<kernel>), which AuriStor does not publish: set kmm.registry to the registry holding yours' } },
  // cluster-wide names
  { rule: 'the CSI namespace and its ClusterRoles pass the API server',
    props: props({ csiNamespace: 'Afs' }),
    problem: { path: 'csiNamespace', message: 'Namespace name "Afs" is not a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit' },
    yaml: { text: yaml('delivery: static', 'delivery: static\n  csi: { namespace: Afs }'), path: 'auristor.csi.namespace', at: 'Afs', schema: true,
      message: 'expected a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit, got "Afs"' } },
  { rule: 'the SRO namespace is a DNS-1123 label',
    props: props({ delivery: KmodDelivery.SRO, sroOperatorNamespace: 'SRO' }),
    problem: { path: 'sroOperatorNamespace', message: 'Namespace name "SRO" is not a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit' },
    yaml: { text: yaml('delivery: static', 'delivery: sro\n  sro: { operatorNamespace: SRO }'), path: 'auristor.sro.operatorNamespace', at: 'SRO }', schema: true,
      message: 'expected a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit, got "SRO"' } },
  { rule: 'SRO runs as at least one ServiceAccount',
    props: props({ delivery: KmodDelivery.SRO, sroOperatorServiceAccounts: [] }),
    problem: { path: 'sroOperatorServiceAccounts', message: 'name at least one ServiceAccount SRO runs as' },
    yaml: { text: yaml('delivery: static', 'delivery: sro\n  sro: { serviceAccounts: [] }'), path: 'auristor.sro.serviceAccounts', at: '[] }' } },
  { rule: 'SRO\'s ServiceAccounts are DNS-1123 subdomains',
    props: props({ delivery: KmodDelivery.SRO, sroOperatorServiceAccounts: ['SA'] }),
    problem: { path: 'sroOperatorServiceAccounts[0]', message: 'ServiceAccount name "SA" is not a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\'' },
    yaml: { text: yaml('delivery: static', 'delivery: sro\n  sro: { serviceAccounts: [SA] }'), path: 'auristor.sro.serviceAccounts[0]', at: 'SA]', schema: true,
      message: 'expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "SA"' } },
  { rule: 'the image pull Secret is a DNS-1123 subdomain',
    props: props({ imagePullSecret: 'Pull' }),
    problem: { path: 'imagePullSecret', message: 'Secret name "Pull" is not a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\'' },
    yaml: { text: yaml('delivery: static', 'delivery: static\n  imagePullSecret: Pull'), path: 'auristor.imagePullSecret', at: 'Pull\n', schema: true,
      message: 'expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "Pull"' } },
  { rule: 'the client ConfigMaps and keytab Secret are DNS-1123 subdomains',
    props: props({ clientConfig: { cellServDbConfigMap: 'Cell_DB' } }),
    problem: { path: 'clientConfig.cellServDbConfigMap', message: 'ConfigMap name "Cell_DB" is not a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\'' },
    yaml: { text: yaml('delivery: static', 'delivery: static\n  clientConfig: { cellServDb: Cell_DB }'), path: 'auristor.clientConfig.cellServDb', at: 'Cell_DB', schema: true,
      message: 'expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "Cell_DB"' } },
  { rule: 'keytabs come from a Secret or a host path',
    props: props({ clientConfig: { keytabSecret: 'keytabs', keytabHostPath: '/etc/yfs-keytabs' } }),
    problem: { path: 'clientConfig.keytabHostPath', message: 'keytabs come from keytabSecret or keytabHostPath, not both' },
    yaml: { text: yaml('delivery: static', 'delivery: static\n  clientConfig: { keytabSecret: keytabs, keytabHostPath: /etc/yfs-keytabs }'), path: 'auristor.clientConfig.keytabHostPath', at: '/etc/yfs-keytabs' } },
  { rule: 'the CSI volume name prefix is a DNS-1123 subdomain',
    props: props({ csi: { volumeNamePrefix: 'AFS' } }),
    problem: { path: 'csi.volumeNamePrefix', message: 'volume name prefix "AFS" is not a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\'' },
    yaml: { text: yaml('delivery: static', 'delivery: static\n  csi: { volumeNamePrefix: AFS }'), path: 'auristor.csi.volumeNamePrefix', at: 'AFS', schema: true,
      message: 'expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "AFS"' } },
  // groups
  { rule: 'at least one node group',
    props: props({ groups: [] }),
    problem: { path: 'groups', message: 'at least one node group' },
    yaml: { text: `name: demo\nauristor:\n  delivery: static\n  groups: []\n`, path: 'auristor.groups', at: '[]' } },
  { rule: 'a group name is a DNS-1123 label',
    props: group({ name: 'Group_1' }),
    problem: { path: 'groups[0].name', message: 'group name "Group_1" is not a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit' },
    yaml: { text: yaml('name: group-1', 'name: Group_1'), path: 'auristor.groups[0].name', at: 'Group_1', schema: true,
      message: 'expected a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit, got "Group_1"' } },
  { rule: 'a group namespace and the names derived from it pass the API server (the default from the group name)',
    props: group({ name: 'g'.repeat(53) }),
    problem: { path: 'groups[0].name', message: `Namespace name auristorfs-${'g'.repeat(53)} is 64 characters; at most 63 (the default namespace auristorfs-<name> comes from the group name); shorten the group's namespace` },
    yaml: { text: yaml('name: group-1', `name: ${'g'.repeat(53)}`), path: 'auristor.groups[0].name', at: 'g'.repeat(53) } },
  { rule: 'with SRO, the SpecialResource (the group namespace) fits SRO\'s 29 characters',
    props: { ...group({ namespace: 'n'.repeat(30) }), delivery: KmodDelivery.SRO },
    problem: { path: 'groups[0].namespace', message: `SpecialResource name "${'n'.repeat(30)}" is longer than 29 characters: SRO derives the label value "${'n'.repeat(30)}-driver-container-<16 hex digits>" from it, which must fit in 63; shorten the group's namespace` },
    yaml: { text: yaml('delivery: static', 'delivery: sro').replace('name: group-1\n', `name: group-1\n      namespace: ${'n'.repeat(30)}\n`), path: 'auristor.groups[0].namespace', at: 'n'.repeat(30) } },
  { rule: 'with KMM, the Module name + namespace fit KMM\'s 40 characters',
    props: { ...group({ namespace: 'n'.repeat(26) }), ...KMM },
    problem: { path: 'groups[0].namespace', message: `the KMM Module ${'n'.repeat(26)}/auristorfs-kmod has name + namespace of 41 characters; KMM's webhook admits at most 40 (its node labels such as kmm.node.kubernetes.io/${'n'.repeat(26)}.auristorfs-kmod.ready must fit in 63); shorten the group's namespace` },
    yaml: { text: yaml('delivery: static', KMM_YAML).replace('name: group-1\n', `name: group-1\n      namespace: ${'n'.repeat(26)}\n`), path: 'auristor.groups[0].namespace', at: 'n'.repeat(26) } },
  { rule: 'a group has its nodes or a selector, not both',
    props: group({ nodeSelector: { 'example.com/rack': 'r1' } }),
    problem: { path: 'groups[0].nodeSelector', message: 'give the group\'s nodes or a nodeSelector, not both' },
    yaml: { text: yaml('      nodes: [cpu01]\n', '      nodes: [cpu01]\n      nodeSelector: { example.com/rack: r1 }\n'), path: 'auristor.groups[0].nodeSelector', at: '{ example.com/rack' } },
  { rule: 'a group selector selects something',
    props: group({ nodes: undefined, nodeSelector: {} }),
    problem: { path: 'groups[0].nodeSelector', message: 'an empty nodeSelector would select every node' },
    yaml: { text: yaml('      nodes: [cpu01]\n', '      nodeSelector: {}\n'), path: 'auristor.groups[0].nodeSelector', at: '{}' } },
  { rule: 'a group given by nodes lists at least one',
    props: group({ nodes: [] }),
    problem: { path: 'groups[0].nodes', message: 'at least one node' },
    yaml: { text: yaml('[cpu01]', '[]'), path: 'auristor.groups[0].nodes', at: '[]' } },
  { rule: 'group nodes are node names',
    props: group({ nodes: ['CPU_1'] }),
    problem: { path: 'groups[0].nodes[0]', message: 'Node name "CPU_1" is not a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\'' },
    yaml: { text: yaml('[cpu01]', '[CPU_1]'), path: 'auristor.groups[0].nodes[0]', at: 'CPU_1', schema: true,
      message: 'expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "CPU_1"' } },
  { rule: 'a node is listed once in its group',
    props: group({ nodes: ['cpu01', 'cpu01'] }),
    problem: { path: 'groups[0].nodes[1]', message: 'node cpu01 is listed twice' },
    yaml: { text: yaml('[cpu01]', '[cpu01, cpu01]'), path: 'auristor.groups[0].nodes[1]', at: ['cpu01', 2] } },
  { rule: 'selector keys and values are label keys and values',
    props: group({ nodes: undefined, nodeSelector: { 'example.com/rack': '-r1' } }),
    problem: { path: 'groups[0].nodeSelector.example.com/rack', message: 'label value "-r1" is not a valid label value: letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit' },
    yaml: { text: yaml('      nodes: [cpu01]\n', '      nodeSelector: { example.com/rack: -r1 }\n'), path: 'auristor.groups[0].nodeSelector.example.com/rack', at: '-r1', schema: true } },
  { rule: 'a group names its kernels',
    props: group({ kernels: [] }),
    problem: { path: 'groups[0].kernels', message: 'at least one kernel (uname -r of the group\'s nodes)' },
    yaml: { text: yaml(`kernels: [${KERNEL}]`, 'kernels: []'), path: 'auristor.groups[0].kernels', at: '[]' } },
  { rule: 'a kernel is a node label value',
    props: group({ kernels: [`4.18.0-305.49.1.el8_4.${'x'.repeat(50)}`] }),
    problem: { path: 'groups[0].kernels[0]', message: `kernel (a node label value) 4.18.0-305.49.1.el8_4.${'x'.repeat(50)} is 72 characters; at most 63` },
    yaml: { text: yaml(`kernels: [${KERNEL}]`, `kernels: [4.18.0-305.49.1.el8_4.${'x'.repeat(50)}]`), path: 'auristor.groups[0].kernels[0]', at: '4.18.0' } },
  { rule: 'a kernel fits AuriStor\'s kmod image tag rule',
    props: group({ kernels: ['5.15.0-91-generic'] }),
    problem: { path: 'groups[0].kernels[0]', message: 'kernel 5.15.0-91-generic does not fit the AuriStor kmod image tag rule: expected <major>.<minor>.<patch>-<build>.<z>.<z>.<dist>[_<minor>].<arch>, e.g. 4.18.0-305.49.1.el8_4.x86_64 (tag 4.18.0-305.el8.x86_64)' },
    yaml: { text: yaml(`kernels: [${KERNEL}]`, 'kernels: [5.15.0-91-generic]'), path: 'auristor.groups[0].kernels[0]', at: '5.15.0-91-generic' } },
  { rule: 'with static delivery, a kernel\'s kmod DaemonSet name is at most 63 characters',
    props: group({ kernels: ['5.14.0-284.30.1.el9_2.x86_64_v2_abcdefghijklmnopqrstuvwx'] }),
    problem: { path: 'groups[0].kernels[0]', message: 'kernel "5.14.0-284.30.1.el9_2.x86_64_v2_abcdefghijklmnopqrstuvwx" gives the DaemonSet name "auristorfs-kmod-5-14-0-284-30-1-el9-2-x86-64-v2-abcdefghijklmnopqrstuvwx", longer than 63 characters' },
    yaml: { text: yaml(`kernels: [${KERNEL}]`, 'kernels: [5.14.0-284.30.1.el9_2.x86_64_v2_abcdefghijklmnopqrstuvwx]'), path: 'auristor.groups[0].kernels[0]', at: '5.14.0' } },
  { rule: 'a kernel is listed once',
    props: group({ kernels: [KERNEL, KERNEL] }),
    problem: { path: 'groups[0].kernels[1]', message: `kernel ${KERNEL} is listed twice` },
    yaml: { text: yaml(`kernels: [${KERNEL}]`, `kernels: [${KERNEL}, ${KERNEL}]`), path: 'auristor.groups[0].kernels[1]', at: [KERNEL, 2] } },
  { rule: 'with KMM\'s ordered upgrade, the kmod version is a node label value',
    props: { ...group({ kmodVersion: `2021.05-${'2'.repeat(60)}` }), ...KMM },
    problem: { path: 'groups[0].kmodVersion', message: `kmodVersion (the KMM version node label value) 2021.05-${'2'.repeat(60)} is 68 characters; at most 63` },
    yaml: { text: yaml('delivery: static', KMM_YAML).replace('"2021.05-20"', `"2021.05-${'2'.repeat(60)}"`), path: 'auristor.groups[0].kmodVersion', at: `"2021.05-${'2'}` } },
  // pinned nodes
  { rule: 'pinned nodes are KMM\'s ordered upgrade',
    props: group({ pinnedNodes: { cpu01: '2021.05-15' } }),
    problem: { path: 'groups[0].pinnedNodes.cpu01', message: 'pinnedNodes is KMM\'s ordered upgrade and needs delivery kmm, not static' },
    yaml: { text: yaml('      nodes: [cpu01]\n', '      nodes: [cpu01]\n      pinnedNodes: { cpu01: "2021.05-15" }\n'), path: 'auristor.groups[0].pinnedNodes.cpu01', at: '"2021.05-15"' } },
  { rule: 'a pinned node is one of the group\'s nodes',
    props: { ...group({ pinnedNodes: { cpu09: '2021.05-15' } }), ...KMM },
    problem: { path: 'groups[0].pinnedNodes.cpu09', message: 'node cpu09 is not in the group\'s nodes; only nodes we label can be pinned' },
    yaml: { text: yaml('delivery: static', KMM_YAML).replace('      nodes: [cpu01]\n', '      nodes: [cpu01]\n      pinnedNodes: { cpu09: "2021.05-15" }\n'),
      path: 'auristor.groups[0].pinnedNodes.cpu09', at: '"2021.05-15"' } },
  { rule: 'a pinned node keeps another version than the group\'s',
    props: { ...group({ pinnedNodes: { cpu01: '2021.05-20' } }), ...KMM },
    problem: { path: 'groups[0].pinnedNodes.cpu01', message: 'node cpu01 is pinned to 2021.05-20, the group\'s kmodVersion: remove it from pinnedNodes' },
    yaml: { text: yaml('delivery: static', KMM_YAML).replace('      nodes: [cpu01]\n', '      nodes: [cpu01]\n      pinnedNodes: { cpu01: "2021.05-20" }\n'),
      path: 'auristor.groups[0].pinnedNodes.cpu01', at: '"2021.05-20" }' } },
  { rule: 'a pinned version is a node label value',
    props: { ...group({ pinnedNodes: { cpu01: `2021.05-${'1'.repeat(60)}` } }), ...KMM },
    problem: { path: 'groups[0].pinnedNodes.cpu01', message: `pinned version (a node label value) 2021.05-${'1'.repeat(60)} is 68 characters; at most 63` },
    yaml: { text: yaml('delivery: static', KMM_YAML).replace('      nodes: [cpu01]\n', `      nodes: [cpu01]\n      pinnedNodes: { cpu01: "2021.05-${'1'.repeat(60)}" }\n`),
      path: 'auristor.groups[0].pinnedNodes.cpu01', at: `"2021.05-1` } },
  // conflicts between groups
  { rule: 'group names are distinct',
    props: two({ name: 'group-1', namespace: 'other' }),
    problem: { path: 'groups[1].name', message: 'group name group-1 is already used by group 1' },
    yaml: { text: withSecond().replace('    - name: group-2\n', '    - name: group-1\n      namespace: other\n'), path: 'auristor.groups[1].name', at: ['group-1', 2] } },
  { rule: 'group namespaces are distinct',
    props: two({ namespace: 'auristorfs-group-1' }),
    problem: { path: 'groups[1].namespace', message: 'namespace auristorfs-group-1 is already used by group 1; each group needs its own' },
    yaml: { text: withSecond().replace('    - name: group-2\n', '    - name: group-2\n      namespace: auristorfs-group-1\n'), path: 'auristor.groups[1].namespace', at: 'auristorfs-group-1' } },
  { rule: 'a group namespace is not the CSI controller\'s',
    props: two({ namespace: 'auristorfs-csi' }),
    problem: { path: 'groups[1].namespace', message: 'namespace auristorfs-csi is the CSI controller namespace; each group needs its own' },
    yaml: { text: withSecond().replace('    - name: group-2\n', '    - name: group-2\n      namespace: auristorfs-csi\n'), path: 'auristor.groups[1].namespace', at: 'auristorfs-csi' } },
  { rule: 'two groups do not share a selector',
    props: props({ groups: [{ ...GROUP, nodes: undefined, nodeSelector: { r: '1' } }, { ...GROUP, name: 'group-2', nodes: undefined, nodeSelector: { r: '1' } }] }),
    problem: { path: 'groups[1].nodeSelector', message: 'group 1 has the same nodeSelector; a node belongs to one group (one kmod)' },
    yaml: { text: withSecond().replaceAll('nodes: [cpu01]', 'nodeSelector: { r: "1" }').replace('nodes: [cpu02]', 'nodeSelector: { r: "1" }'),
      path: 'auristor.groups[1].nodeSelector', at: ['{ r: "1" }', 2] } },
  { rule: 'a node is in one group',
    props: two({ nodes: ['cpu02', 'cpu01'] }),
    problem: { path: 'groups[1].nodes[1]', message: 'node cpu01 is already in group group-1; a node belongs to one group (one kmod)' },
    yaml: { text: withSecond().replace('[cpu02]', '[cpu02, cpu01]'), path: 'auristor.groups[1].nodes[1]', at: ['cpu01', 2] } },
  { rule: 'with one CSI controller (kmm, static), the groups run one CSI version or name the controller\'s',
    props: two({ csiVersion: '2022.08-1' }),
    problem: { path: 'groups[1].csiVersion', message: 'groups run different CSI versions (group-1: 2022.09-1, group-2: 2022.08-1): with delivery static one CSI controller serves all groups; set csiControllerVersion' },
    yaml: { text: `${AURISTOR_YAML}${SECOND.replace('2022.09-1', '2022.08-1')}`,
      path: 'auristor.groups[1].csiVersion', at: '"2022.08-1"',
      message: 'groups run different CSI versions (group-1: 2022.09-1, group-2: 2022.08-1): with delivery static one CSI controller serves all groups; set csi.controllerVersion' } },
];
