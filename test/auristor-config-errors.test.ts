import { describe, expect, it } from 'vitest';
import { configProblems, editConfig } from './support/config-problems';

/** A small valid config; each case below breaks one thing. Line numbers are 1-based. */
const VALID = `name: demo
auristor:
  delivery: static
  clientConfig: { configMap: etc-yfs, keytabSecret: etc-yfs-keytabs }
  groups:
    - name: group-1
      nodes: [cpu01, cpu02]
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [4.18.0-305.49.1.el8_4.x86_64]
    - name: group-2
      nodeSelector: { example.com/rack: r2 }
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [4.18.0-372.9.1.el8.x86_64]
`;

const replace = (from: string, to: string) => editConfig(VALID, from, to);

const problems = (text: string) => configProblems(text);

describe('auristor section through the config loader: message and line:col', () => {
  it('the base config is valid', () => {
    expect(problems(VALID)).toEqual([]);
  });

  it.each([
    ['unknown delivery (the DESIGN sketch called static "daemonset")', replace('delivery: static', 'delivery: daemonset'),
      'cluster.yaml:3:13: auristor.delivery: expected one of "sro" | "kmm" | "static", got "daemonset"'],
    ['no delivery, reported at the section', replace('  delivery: static\n', ''),
      'cluster.yaml:2:1: auristor.delivery: expected one of "sro" | "kmm" | "static", got nothing'],
    ['version YAML reads as a number', replace('kmodVersion: "2021.05-20"\n      csiVersion: "2022.09-1"\n      kernels: [4.18.0-305',
      'kmodVersion: 2021.05\n      csiVersion: "2022.09-1"\n      kernels: [4.18.0-305'),
    'cluster.yaml:8:20: auristor.groups[0].kmodVersion: YAML reads 2021.05 as a number; quote the version ("2021.05-20")'],
    ['kernel outside the tag rule, at the kernel', replace('[4.18.0-372.9.1.el8.x86_64]', '[4.18.0-372.9.1.el8.x86_64, 5.15.0-91-generic]'),
      'cluster.yaml:15:44: auristor.groups[1].kernels[1]: kernel 5.15.0-91-generic does not fit the AuriStor kmod image tag rule: expected '
        + '<major>.<minor>.<patch>-<build>.<z>.<z>.<dist>[_<minor>].<arch>, e.g. 4.18.0-305.49.1.el8_4.x86_64 (tag 4.18.0-305.el8.x86_64)'],
    ['nodes and a nodeSelector', replace('      nodes: [cpu01, cpu02]\n', '      nodes: [cpu01, cpu02]\n      nodeSelector: { a: b }\n'),
      'cluster.yaml:8:21: auristor.groups[0].nodeSelector: give the group\'s nodes or a nodeSelector, not both'],
    ['neither nodes nor a nodeSelector, at the group', replace('      nodes: [cpu01, cpu02]\n', ''),
      'cluster.yaml:6:7: auristor.groups[0]: give the group\'s nodes (nodes: [...]) or a nodeSelector'],
    ['a node in two groups, at the second listing', replace('nodeSelector: { example.com/rack: r2 }', 'nodes: [cpu03, cpu02]'),
      'cluster.yaml:12:22: auristor.groups[1].nodes[1]: node cpu02 is already in group group-1; a node belongs to one group (one kmod)'],
    ['two keytab sources', replace('keytabSecret: etc-yfs-keytabs', 'keytabSecret: etc-yfs-keytabs, keytabHostPath: /etc/yfs-keytabs'),
      'cluster.yaml:4:86: auristor.clientConfig.keytabHostPath: keytabs come from keytabSecret or keytabHostPath, not both'],
    ['ConfigMap name that Kubernetes rejects', replace('configMap: etc-yfs', 'configMap: Etc_Yfs'),
      'cluster.yaml:4:30: auristor.clientConfig.configMap: expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "Etc_Yfs"'],
    ['different CSI versions without a controller version (static)', replace('csiVersion: "2022.09-1"\n      kernels: [4.18.0-372', 'csiVersion: "2022.08-1"\n      kernels: [4.18.0-372'),
      'cluster.yaml:14:19: auristor.groups[1].csiVersion: groups run different CSI versions (group-1: 2022.09-1, group-2: 2022.08-1): '
        + 'with delivery static one CSI controller serves all groups; set csi.controllerVersion'],
    ['kmm without KMM-layout images, at the delivery', replace('delivery: static', 'delivery: kmm'),
      'cluster.yaml:3:13: auristor.delivery: delivery kmm makes KMM run "modprobe -d /opt yfs" from each image, so every image must hold '
        + 'yfs.ko under /opt/lib/modules/<kernel>/; AuriStor\'s SRO driver-container images do not, and KMM does not run the AuriStorFS '
        + 'cache manager (docs/auristor.md). Set kmm.kmmLayoutImages: true once your registry holds such images'],
    ['SpecialResource name too long for SRO', replace('delivery: static', 'delivery: sro').replace('name: group-2', 'name: group-2-with-a-long-name'),
      'cluster.yaml:11:13: auristor.groups[1].name: SpecialResource name "auristorfs-group-2-with-a-long-name" is longer than 29 characters: '
        + 'SRO derives the label value "auristorfs-group-2-with-a-long-name-driver-container-<16 hex digits>" from it, which must fit in 63 '
        + '(the default namespace auristorfs-<name> comes from the group name); shorten the group\'s namespace'],
    // the case: a 31-character group name gave an invalid KMM ready label in the CSI DaemonSet and synth exited 0
    ['KMM Module name + namespace over KMM\'s 40, at the group name',
      replace('delivery: static', 'delivery: kmm\n  kmm: { kmmLayoutImages: true, registry: registry.example.com/kmm }')
        .replace('name: group-2', `name: ${'g'.repeat(31)}`),
    `cluster.yaml:12:13: auristor.groups[1].name: the KMM Module auristorfs-${'g'.repeat(31)}/auristorfs-kmod has name + namespace of 57 `
        + `characters; KMM's webhook admits at most 40 (its node labels such as kmm.node.kubernetes.io/auristorfs-${'g'.repeat(31)}.auristorfs-kmod.ready `
        + 'must fit in 63) (the default namespace auristorfs-<name> comes from the group name); shorten the group\'s namespace'],
    ['kmm without a registry of KMM-layout images, at the kmm section (the missing key)',
      replace('delivery: static', 'delivery: kmm\n  kmm: { kmmLayoutImages: true }'),
      'cluster.yaml:4:3: auristor.kmm.registry: delivery kmm loads KMM-layout images (<registry>/auristor-kmod-<kmodVersion>:<kernel>), which AuriStor '
        + 'does not publish: set kmm.registry to the registry holding yours'],
    ['a pinned node outside the group, at the node',
      replace('delivery: static', 'delivery: kmm\n  kmm: { kmmLayoutImages: true, registry: registry.example.com/kmm }')
        .replace('      nodes: [cpu01, cpu02]\n', '      nodes: [cpu01, cpu02]\n      pinnedNodes: { cpu09: "2021.05-15" }\n'),
      'cluster.yaml:9:29: auristor.groups[0].pinnedNodes.cpu09: node cpu09 is not in the group\'s nodes; only nodes we label can be pinned'],
    ['group namespace equal to the CSI namespace', replace('    - name: group-2\n', '    - name: group-2\n      namespace: auristorfs-csi\n'),
      'cluster.yaml:12:18: auristor.groups[1].namespace: namespace auristorfs-csi is the CSI controller namespace; each group needs its own'],
    ['root mount naming a cell', `${VALID}  storageClasses:\n    - { name: afs-root, mountType: root, cell: auristor.com }\n`,
      'cluster.yaml:17:48: auristor.storageClasses[0].cell: mountType root mounts the whole AuriStorFS root: remove cell'],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('a misspelt key: the suggestion and the missing key it hides', () => {
    expect(problems(replace('      kernels: [4.18.0-305', '      kernel: [4.18.0-305'))).toEqual([
      'cluster.yaml:6:7: auristor.groups[0].kernels: is required (expected array)',
      'cluster.yaml:10:7: auristor.groups[0].kernel: unknown key `kernel`; did you mean `kernels`?',
    ]);
  });
});
