import { describe, expect, it } from 'vitest';
import { configProblems, editConfig } from '../support/config-problems';

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

/*
 * What the schema itself refuses in the section (types, enums, unknown keys, a group with neither nodes nor a
 * selector, the keys of one mount type). The AuriStorFS rulebook's rules (KMM images, CSI versions, keytabs,
 * kernels, group names and conflicts, pinned nodes) are tested on both paths from its case table:
 * test/auristor/client-checks.test.ts.
 */
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
    ['neither nodes nor a nodeSelector, at the group', replace('      nodes: [cpu01, cpu02]\n', ''),
      'cluster.yaml:6:7: auristor.groups[0]: give the group\'s nodes (nodes: [...]) or a nodeSelector'],
    ['ConfigMap name that Kubernetes rejects', replace('configMap: etc-yfs', 'configMap: Etc_Yfs'),
      'cluster.yaml:4:30: auristor.clientConfig.configMap: expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "Etc_Yfs"'],
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
