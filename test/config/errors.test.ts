import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readTree, runCli, tempDir, writeConfig } from '../support/cli';

/** A small valid cluster; each case below breaks one thing. Line numbers are 1-based. */
const VALID = `name: demo
namespace: ais
ais:
  proxies:
    nodes: [n1, n2, n3]
    initialPrimary: n1
  targets:
    nodes: [n1, n2, n3]
    mountpaths: [/ais/sda, /ais/sdb]
  gateway:
    loadBalancerIP: 10.0.0.10
    addressPool: 10.0.0.10-10.0.0.20
`;

interface Case {
  readonly name: string;
  readonly text: string;
  /** the exact `file:line:col: path: message` line expected on stderr (file name replaced by FILE) */
  readonly expected: string;
}

const replace = (from: string, to: string) => {
  if (!VALID.includes(from)) throw new Error(`test setup: ${from} not in VALID`);
  return VALID.replace(from, to);
};

const CASES: Case[] = [
  { name: 'release name not DNS-1123', text: replace('name: demo', 'name: Demo_1'),
    expected: "FILE:1:7: name: expected a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, got \"Demo_1\"" },
  { name: 'unknown top-level key suggests the closest', text: `${VALID}gitop: {}\n`,
    expected: 'FILE:13:1: gitop: unknown key `gitop`; did you mean `gitops`?' },
  { name: 'misspelled nested key suggests the closest', text: replace('    mountpaths: [', '    mountpath: ['),
    expected: 'FILE:9:5: ais.targets.mountpath: unknown key `mountpath`; did you mean `mountpaths`?' },
  { name: 'relative mountpath', text: replace('[/ais/sda, /ais/sdb]', '[/ais/sda, ais/sdb]'),
    expected: 'FILE:9:28: ais.targets.mountpaths[1]: expected an absolute path (starting with /), got "ais/sdb"' },
  { name: 'duplicate mountpath', text: replace('[/ais/sda, /ais/sdb]', '[/ais/sda, /ais/sda]'),
    expected: 'FILE:9:28: ais.targets.mountpaths[1]: mountpath /ais/sda is listed twice (also at mountpaths[0]); mountpaths must be distinct' },
  { name: 'nested mountpaths', text: replace('[/ais/sda, /ais/sdb]', '[/ais, /ais/sdb]'),
    expected: 'FILE:9:24: ais.targets.mountpaths[1]: mountpath /ais/sdb is nested inside /ais; mountpaths must not contain each other' },
  { name: 'initial primary is not a proxy node', text: replace('initialPrimary: n1', 'initialPrimary: n9'),
    expected: 'FILE:6:21: ais.proxies.initialPrimary: initial primary n9 is not one of the proxy nodes (n1, n2, n3)' },
  { name: 'two roles on one port', text: replace('  gateway:', '  ports: { proxy: 51080, target: 51080 }\n  gateway:'),
    expected: 'FILE:10:34: ais.ports.target: port 51080 is used for both proxy and target; AIS ports must be distinct' },
  { name: 'port out of range', text: replace('  gateway:', '  ports: { intraData: 70000 }\n  gateway:'),
    expected: 'FILE:10:23: ais.ports.intraData: expected a port from 1 to 65535, got 70000' },
  { name: 'gateway IP outside the pool', text: replace('loadBalancerIP: 10.0.0.10', 'loadBalancerIP: 10.0.1.10'),
    expected: 'FILE:11:21: ais.gateway.loadBalancerIP: gateway IP 10.0.1.10 is outside the address pool 10.0.0.10-10.0.0.20' },
  { name: 'pool too small for per-target LoadBalancers', text: `${replace('10.0.0.10-10.0.0.20', '10.0.0.10-10.0.0.12')}  externalLB: true\n`,
    expected: 'FILE:12:18: ais.gateway.addressPool: address pool 10.0.0.10-10.0.0.12 has 3 addresses but 4 are needed (3 targets with per-target LoadBalancers + 1 gateway)' },
  { name: 'per-target LoadBalancers without a pool', text: `${replace('    addressPool: 10.0.0.10-10.0.0.20\n', '')}  externalLB: true\n`,
    expected: 'FILE:12:15: ais.externalLB: per-target LoadBalancers need gateway.addressPool with one external IP per target plus one for the gateway' },
  { name: 'malformed address pool', text: replace('10.0.0.10-10.0.0.20', '10.0.0.10..20'),
    expected: 'FILE:12:18: ais.gateway.addressPool: expected an address range such as 10.132.179.10-10.132.179.20 or a CIDR such as 10.132.179.0/28, got "10.0.0.10..20"' },
  { name: 'invalid YAML', text: replace('    nodes: [n1, n2, n3]\n    initialPrimary', '    nodes: [n1, n2, n3\n    initialPrimary'),
    expected: 'FILE:6:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
  { name: 'unknown storage mode lists the choices', text: replace('    mountpaths: [/ais/sda, /ais/sdb]', '    mountpaths: [/ais/sda, /ais/sdb]\n    storage: lvm'),
    expected: 'FILE:10:14: ais.targets.storage: expected one of "hostPath" | "localPV", got "lvm"' },
  { name: 'unpinned image', text: replace('ais:\n', 'ais:\n  images: { aisnode: docker.io/aistorage/aisnode:latest }\n'),
    expected: 'FILE:4:22: ais.images.aisnode: image docker.io/aistorage/aisnode:latest is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)' },
  { name: 'local PVs without a size', text: replace('    mountpaths: [/ais/sda, /ais/sdb]', '    mountpaths: [/ais/sda, /ais/sdb]\n    storage: localPV'),
    expected: 'FILE:9:18: ais.targets.mountpaths[0]: local PersistentVolumes need a capacity: write the mountpath as {path: ..., size: 10Ti}' },
  { name: 'node listed twice', text: replace('    nodes: [n1, n2, n3]\n    mountpaths', '    nodes: [n1, n2, n1]\n    mountpaths'),
    expected: 'FILE:8:21: ais.targets.nodes[2]: node n1 is listed twice; AIS runs one proxy and one target per node' },
  { name: 'no mountpaths', text: replace('[/ais/sda, /ais/sdb]', '[]'),
    expected: 'FILE:9:17: ais.targets.mountpaths: at least one mountpath' },
  { name: 'missing required section key', text: replace('    nodes: [n1, n2, n3]\n    initialPrimary: n1\n', '    initialPrimary: n1\n'),
    expected: 'FILE:4:3: ais.proxies.nodes: is required (expected array)' },
  { name: 'duplicate key', text: replace('namespace: ais\n', 'namespace: ais\nnamespace: other\n'),
    expected: 'FILE:3:1: invalid YAML: Map keys must be unique' },
  { name: 'empty file', text: '',
    expected: 'FILE:1:1: expected a mapping with at least `name:` and an `ais:` or `auristor:` section' },
];

describe('bad config: clear error, non-zero exit, previous output untouched', () => {
  let dir: string;
  let out: string;
  let before: Record<string, string>;

  beforeEach(() => {
    dir = tempDir();
    out = path.join(dir, 'dist');
    expect(runCli([writeConfig(dir, VALID, 'good.yaml'), '--out', out]).code).toBe(0);
    before = readTree(out);
  });

  it('the valid base config synthesizes', () => {
    expect(Object.keys(before)).toContain('ais-targets.yaml');
  });

  it.each(CASES)('$name', ({ text, expected }) => {
    const file = writeConfig(dir, text);
    const result = runCli([file, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toContain(expected.replace('FILE', file));
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).toContain('nothing was written');
    expect(readTree(out)).toEqual(before);
  });

  it('a missing file names the file', () => {
    const result = runCli([path.join(dir, 'nope.yaml'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'nope.yaml')}: file not found`);
    expect(readTree(out)).toEqual(before);
  });

  it('reports every problem of a file at once, in file order', () => {
    const text = replace('name: demo', 'name: DEMO').replace('initialPrimary: n1', 'initialPrimry: n1');
    const lines = runCli([writeConfig(dir, text), '--out', out]).stderr.split('\n').filter((l) => l.includes('.yaml:'));
    expect(lines.map((l) => l.split(': ')[1])).toEqual(['name', 'ais.proxies.initialPrimry']);
  });

  it('an unknown command-line option is a usage error (exit 2)', () => {
    const result = runCli(['--outt', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --outt');
    expect(fs.existsSync(out)).toBe(true);
    expect(readTree(out)).toEqual(before);
  });
});
