/**
 * AIS's upgrade-path rules on the library path (lib/ais/upgrade-path.ts; aistore v1.5.0 docs/relnotes/5.0.md): what a
 * library user gets from `aisUpgradeProblems` (prop path `images.aisnode`), and FLEET.md's bridge column built on them.
 * The CLI path (previous output → refusal at line:col) is test/generator/upgrade-cli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { aisUpgradeProblems } from '../../lib';
import { aisImageReleaseProblem, upgradeBridge } from '../../lib/ais/upgrade-path';
import { formatPath } from '../../lib/props/problems';

const node = (tag: string) => `docker.io/aistorage/aisnode:${tag}`;
const problems = (previous: string, next: string) => aisUpgradeProblems({ previous: node(previous), next: node(next) })
  .map((p) => `props.${formatPath(p.path)}: ${String(p.message).split(':')[0]}`);

describe('aisUpgradeProblems (library path)', () => {
  it.each([
    ['v4.9', 'v5.0', []],
    ['v4.7', 'v5.0', []],
    ['v5.0', 'v5.1', []],
    ['v4.8', 'v4.9', []],
    ['v4.9', 'v4.9-oteltracing', []],
    ['v4.9', 'v5.1', ['props.images.aisnode: aisnode v4.9 → v5.1 skips the mandatory v5.0 bridge']],
    ['v4.9', 'v6.0', ['props.images.aisnode: aisnode v4.9 → v6.0 skips the mandatory v5.0 bridge']],
    ['v5.0', 'v4.9', ['props.images.aisnode: aisnode v5.0 → v4.9 is a downgrade, which AIS does not support (aistore docs/relnotes/5.0.md "Downgrade"; an older aisnode refuses the metadata a newer one persisted)']],
    ['v4.9', 'v4.8', ['props.images.aisnode: aisnode v4.9 → v4.8 is a downgrade, which AIS does not support (aistore docs/relnotes/5.0.md "Downgrade"; an older aisnode refuses the metadata a newer one persisted)']],
    ['v5.1-etl', 'v5.0', ['props.images.aisnode: aisnode v5.1 → v5.0 is a downgrade, which AIS does not support (aistore docs/relnotes/5.0.md "Downgrade"; an older aisnode refuses the metadata a newer one persisted)']],
    ['nightly', 'v5.1', []],
  ])('%s → %s', (previous, next, expected) => {
    expect(problems(previous, next)).toEqual(expected);
  });

  it('a digest-only image cannot be compared: no problem', () => {
    expect(aisUpgradeProblems({ previous: `docker.io/aistorage/aisnode@sha256:${'a'.repeat(64)}`, next: node('v4.8') })).toEqual([]);
  });
});

describe('ais-init and aisnode are one release', () => {
  it.each([
    ['v4.9', 'v4.9', undefined],
    ['v4.9-oteltracing', 'v4.9', undefined],
    ['v5.0-etl', 'v5.0', undefined],
    ['v5.0', 'v4.9', 'ais-init v4.9 is not the aisnode release v5.0'],
    ['v4.9-oteltracing', 'v4.9-oteltracing', 'ais-init v4.9-oteltracing is not the aisnode release v4.9'],
  ])('aisnode %s, ais-init %s', (nodeTag, initTag, expected) => {
    expect(aisImageReleaseProblem({ aisnode: node(nodeTag), init: `docker.io/aistorage/ais-init:${initTag}` })?.split(':')[0]).toBe(expected);
  });

  it('a digest-only image cannot be compared: no problem', () => {
    expect(aisImageReleaseProblem({ aisnode: `aisnode@sha256:${'a'.repeat(64)}`, init: 'ais-init:v4.8' })).toBeUndefined();
  });
});

describe('FLEET.md upgrade bridge column (the same rules)', () => {
  it.each([
    [node('v4.9'), undefined, 'needs 5.0 before 5.1+'],
    [node('v5.0'), node('v4.9'), '—'],
    [node('v5.1'), node('v4.9'), 'skips the 5.0 bridge: go to 5.0 first'],
    [node('v5.1'), node('v5.0'), '—'],
    ['registry.local/aisnode:latest', undefined, '—'],
  ])('%s (previously %s): %s', (image, previous, expected) => {
    expect(upgradeBridge(image, previous)).toBe(expected);
  });
});
