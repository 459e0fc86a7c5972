/**
 * The compatibility lint: AIS images and the declared operator version against the AIS
 * compatibility matrix (ais-k8s docs/COMPATIBILITY.md), errors and warnings with line:col.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aisCompatibilityProblems, imageTag } from '../../lib/ais/compatibility';
import { ConfigError } from '../../lib/config/errors';
import { parseConfig, parseConfigText } from '../../lib/from-config/load';
import { ROOT, runCli, tempDir, writeConfig } from '../support/cli';
import { edit } from '../support/gitops';

const OPERATOR = fs.readFileSync(path.join(ROOT, 'examples', 'operator.yaml'), 'utf8');
const withVersion = (version: string) => edit(OPERATOR, /^  version: v3\.4\.0$/m, `  version: ${version}`);
const withImages = (text: string, tag: string, initTag = tag) => edit(text, 'ais:\n  mode: operator\n',
  `ais:\n  mode: operator\n  images:\n    aisnode: docker.io/aistorage/aisnode:${tag}\n    init: docker.io/aistorage/ais-init:${initTag}\n`);

const problemsOf = (text: string): string[] => {
  try {
    parseConfig(text, 'cluster.yaml');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
};

describe('AIS compatibility matrix', () => {
  it('reads image tags', () => {
    expect(imageTag('docker.io/aistorage/aisnode:v4.9')).toBe('v4.9');
    expect(imageTag('registry:5000/aisnode:v4.9@sha256:abc')).toBe('v4.9');
    expect(imageTag('registry:5000/aisnode@sha256:abc')).toBeUndefined();
  });

  it('AIS v4.x needs operator v2.8.0 or later; the rows of the matrix', () => {
    const ais = (tag: string, operatorVersion: string) => aisCompatibilityProblems({
      aisnode: `aisnode:${tag}`, init: `ais-init:${tag}`, operatorVersion,
    }).map((p) => `${p.severity}: ${p.message}`);
    expect(ais('v4.9', 'v2.19.0')).toEqual([]);
    expect(ais('v4.9', 'v2.7.3')).toEqual(['error: AIS v4.9 requires AIS operator v2.8.0 or later, not v2.7.3 (ais-k8s docs/COMPATIBILITY.md)']);
    expect(ais('v3.24', 'v1.4.0')).toEqual(['error: AIS v3.24 requires AIS operator v1.4.1 or later, not v1.4.0 (ais-k8s docs/COMPATIBILITY.md)']);
    expect(ais('v3.27', 'v2.3.0')).toEqual(['error: operator v2.3.0 is not compatible with AIS below v3.28; upgrade AIS to v3.28 first (ais-k8s docs/COMPATIBILITY.md)']);
    expect(ais('v3.28', 'v2.3.0')).toEqual([]);
    expect(ais('v5.0', 'v3.4.0')).toEqual(['warning: AIS v5.0 is not in the compatibility matrix (ais-k8s docs/COMPATIBILITY.md): check the operator and ais-init versions it needs']);
  });
});

describe('compatibility in the config, with line:col', () => {
  it('operator mode: an operator too old for the images is a config error at operator.version', () => {
    const text = withImages(withVersion('v2.7.0'), 'v4.9');
    const line = text.split('\n').findIndex((l) => l.includes('version: v2.7.0')) + 1;
    expect(problemsOf(text)).toEqual([`cluster.yaml:${line}:12: operator.version: AIS v4.9 requires AIS operator v2.8.0 or later, not v2.7.0 (ais-k8s docs/COMPATIBILITY.md)`]);
    expect(problemsOf(withVersion('v3.2.0'))).toEqual([]);
    expect(problemsOf(withVersion('2.19'))[0]).toContain('operator.version');
  });

  it('config: operator.version below the AIStore\'s floor is refused at line:col (the example\'s old v2.19.0: seven fields its CRD lacks)', () => {
    const text = withVersion('v2.19.0');
    const line = text.split('\n').findIndex((l) => l.includes('version: v2.19.0')) + 1;
    expect(problemsOf(text)).toEqual([`cluster.yaml:${line}:12: operator.version: the AIStore uses `
      + 'spec.stateStorage.hostPath (CRD from v3.0.0), spec.proxySpec.aisContainerSecurityContext (CRD from v3.0.0), '
      + 'spec.targetSpec.aisContainerSecurityContext (CRD from v3.0.0), spec.proxySpec.externalAccess (CRD from v3.1.0), '
      + 'spec.targetSpec.externalAccess (CRD from v3.1.0), spec.operatorSkipVerifyCrt (CRD from v3.2.0), spec.targetSpec.scaleDownMode (CRD from v3.2.0); '
      + 'operator v2.19.0\'s CRD prunes what it does not know and its webhook then refuses the AIStore (errUndefinedStateStorage at v2.19.0): '
      + 'use operator v3.2.0 or later (ais-k8s operator/config/base/crd/ais.nvidia.com_aistores.yaml, per tag)']);
    // v3.1.0 knows all but the two fields v3.2.0 added
    expect(problemsOf(withVersion('v3.1.0'))[0]).toMatch(/uses spec\.operatorSkipVerifyCrt \(CRD from v3\.2\.0\), spec\.targetSpec\.scaleDownMode \(CRD from v3\.2\.0\);/);
  });

  it('an ais-init tag other than the aisnode tag, or a release outside the matrix, is a warning at the image', () => {
    const text = withImages(OPERATOR, 'v5.0', 'v4.9');
    const lines = text.split('\n');
    const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
    expect(parseConfigText(text, 'cluster.yaml').warnings.map((w) => `${w.line}:${w.column} ${w.path}: ${w.message}`)).toEqual([
      `${lineOf('aisnode:v5.0')}:14 ais.images.aisnode: warning: AIS v5.0 is not in the compatibility matrix (ais-k8s docs/COMPATIBILITY.md): check the operator and ais-init versions it needs`,
      `${lineOf('ais-init:v4.9')}:11 ais.images.init: warning: ais-init v4.9 differs from aisnode v5.0: keep the init container at the aisnode release (ais-k8s docs/COMPATIBILITY.md, init container compatibility)`,
    ]);
  });

  it('the synth prints the warnings and goes on; the examples have none', () => {
    const dir = tempDir();
    const result = runCli([writeConfig(dir, withImages(OPERATOR, 'v5.0')), '--out', path.join(dir, 'dist')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/cluster\.yaml:\d+:14: ais\.images\.aisnode: warning: AIS v5\.0 is not in the compatibility matrix/);
    for (const name of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
      expect(parseConfigText(text, name).warnings, name).toEqual([]);
    }
  });
});
