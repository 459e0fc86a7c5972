/** FLEET.md's pieces: the upgrade bridge, the last-change lines and how they survive an unchanged re-run. */
import { describe, expect, it } from 'vitest';
import { describeSiteChange, fleetReport, previousSiteChanges, upgradeBridge } from '../../lib/report/fleet';
import { reviewChanges } from '../../lib/review/change-review';

describe('upgrade bridge (aistore v1.5.0 docs/relnotes/5.0.md: 4.x must pass through 5.0 before 5.1+)', () => {
  it.each([
    ['docker.io/aistorage/aisnode:v4.9', undefined, 'needs 5.0 before 5.1+'],
    ['docker.io/aistorage/aisnode:v5.0', 'docker.io/aistorage/aisnode:v4.9', '—'],
    ['docker.io/aistorage/aisnode:v5.1', 'docker.io/aistorage/aisnode:v4.9', 'skips the 5.0 bridge: go to 5.0 first'],
    ['docker.io/aistorage/aisnode:v5.1', 'docker.io/aistorage/aisnode:v5.0', '—'],
    ['registry.local/aisnode:latest', undefined, '—'],
  ])('%s (previously %s): %s', (image, previous, expected) => {
    expect(upgradeBridge(image, previous)).toBe(expected);
  });
});

describe('last change', () => {
  const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ais' }, data });
  it('first output, a change (counts and the rules that need a person), nothing changed (keep the previous line)', () => {
    expect(describeSiteChange(undefined, 12)).toBe('first output (12 objects)');
    expect(describeSiteChange(reviewChanges([cm({ a: '1' })], [cm({ a: '2' })]), 1)).toBe('1 in-place');
    expect(describeSiteChange(reviewChanges([cm({ a: '1' })], [cm({ a: '1' })]), 1)).toBeUndefined();
  });
  it('is read back from the previous FLEET.md, by site', () => {
    const props = { name: 'f', repoURL: 'r', sites: [{ name: 'a' }, { name: 'b' }] };
    const text = fleetReport(props, [], new Map([['a', '1 in-place'], ['b', 'first output (3 objects)']]), ['ais'], 'fleet.yaml');
    expect(previousSiteChanges(text)).toEqual(new Map([['a', '1 in-place'], ['b', 'first output (3 objects)']]));
    expect(previousSiteChanges(undefined)).toEqual(new Map());
  });
});
