/**
 * The fleet config: `defaults:` merged with each site's overlay, every merged site validated by the same loader
 * core and rulebooks as a cluster config, and every problem at the line:col of the file and key that supplied
 * the value (lib/config/fleet-merge.ts, lib/from-config/fleet.ts).
 */
import { describe, expect, it } from 'vitest';
import { mergeSiteConfig } from '../../lib/config/fleet-merge';
import { AIS_CASES } from '../rulebooks/ais-cases';
import { AURISTOR_CASES } from '../rulebooks/auristor-cases';
import { OPERATOR_CASES } from '../rulebooks/ais-operator-cases';
import { GITOPS_CASES } from '../rulebooks/gitops-cases';
import { RuleCase, expectedLine, positionOf } from '../rulebooks/cases';
import { fleetProblems } from '../support/config-problems';

const HEAD = `fleet:
  name: storage
  argocd: { repoURL: "https://git.example.com/fleet.git" }
`;

describe('merge: defaults, then the site', () => {
  it.each([
    ['mappings merge key by key', { ais: { a: 1, b: { c: 2 } } }, { ais: { b: { d: 3 } } }, { ais: { a: 1, b: { c: 2, d: 3 } } }],
    ['lists replace (never concatenated or merged by index)', { ais: { nodes: ['a', 'b'] } }, { ais: { nodes: ['c'] } }, { ais: { nodes: ['c'] } }],
    ['scalars replace', { namespace: 'ais' }, { namespace: 'ais-prod' }, { namespace: 'ais-prod' }],
    ['null removes a default', { ais: { statePath: '/etc/ais', x: 1 } }, { ais: { statePath: null } }, { ais: { x: 1 } }],
    ['a mapping replaces a scalar and the other way round', { a: 1, b: { c: 1 } }, { a: { c: 2 }, b: 3 }, { a: { c: 2 }, b: 3 }],
    ['no overlay: the defaults', { a: 1 }, undefined, { a: 1 }],
  ])('%s', (_, defaults, overlay, merged) => {
    expect(mergeSiteConfig(defaults, overlay)).toEqual(merged);
  });

  it('anchors and aliases resolve within their own file', () => {
    const defaults = `${HEAD}defaults:\n  name: demo\n  ais:\n    proxies: { nodes: &nodes [n1, n2] }\n    targets: { nodes: *nodes, mountpaths: [/ais/sda] }\nsites:\n  - name: eu\n    config: {}\n`;
    expect(fleetProblems(defaults)).toEqual([]);
  });
});

describe('problems at the line:col of the file that supplied the value', () => {
  const DEFAULTS = `defaults:
  name: demo
  ais:
    proxies: { nodes: [n1] }
    targets: { nodes: [n1], mountpaths: [/ais/sda] }
`;
  const fleet = (sites: string, defaults = DEFAULTS) => `${HEAD}${defaults}sites:\n${sites}`;

  it('from a site\'s file: in that file, naming the site', () => {
    const overlay = 'ais:\n  proxies: { nodes: [n1], initialPrimary: n9 }\n';
    expect(fleetProblems(fleet('  - name: eu\n  - name: us\n'), { 'sites/eu/site.yaml': overlay, 'sites/us/site.yaml': '{}\n' })).toEqual([
      `sites/eu/site.yaml:${positionOf(overlay, 'n9').line}:${positionOf(overlay, 'n9').column}: ais.proxies.initialPrimary: initial primary n9 is not one of the proxy nodes (n1) (site eu)`,
    ]);
  });

  it('from defaults: in fleet.yaml, once, naming every site it breaks', () => {
    const defaults = DEFAULTS.replace('mountpaths: [/ais/sda]', 'mountpaths: [ais/sda]');
    const text = fleet('  - name: eu\n    config: {}\n  - name: us\n    config: {}\n', defaults);
    const { line, column } = positionOf(text, 'ais/sda');
    expect(fleetProblems(text)).toEqual([`fleet.yaml:${line}:${column}: ais.targets.mountpaths[0]: expected an absolute path (starting with /), got "ais/sda" (sites eu, us)`]);
  });

  it('from an inline config: in fleet.yaml at sites[i].config', () => {
    const text = fleet('  - name: eu\n    config: { namespace: Ais }\n');
    const { line, column } = positionOf(text, 'Ais');
    expect(fleetProblems(text)).toEqual([expect.stringMatching(new RegExp(`^fleet\\.yaml:${line}:${column}: namespace: .* \\(site eu\\)$`))]);
  });

  it('a missing key: in the site\'s file where it has the section, else in defaults, else at the site\'s name', () => {
    const noTargets = DEFAULTS.replace('    targets: { nodes: [n1], mountpaths: [/ais/sda] }\n', '');
    const inOverlay = fleetProblems(fleet('  - name: eu\n', noTargets), { 'sites/eu/site.yaml': 'ais:\n  statePath: /var/lib/ais\n' });
    expect(inOverlay).toEqual([expect.stringMatching(/^sites\/eu\/site\.yaml:1:1: ais\.targets: is required/)]);
    const text = fleet('  - name: eu\n    config: {}\n', noTargets);
    const { line, column } = positionOf(text, 'ais:');
    expect(fleetProblems(text)).toEqual([expect.stringMatching(new RegExp(`^fleet\\.yaml:${line}:${column}: ais\\.targets: is required`))]);
    const empty = `${HEAD}sites:\n  - name: eu\n    config: {}\n`;
    const at = positionOf(empty, 'eu');
    expect(fleetProblems(empty)[0]).toMatch(new RegExp(`^fleet\\.yaml:${at.line}:${at.column}: name: is required`));
  });

  it('a rule whose inputs come from both files points at the key the rule names (the file that supplied it)', () => {
    // initialPrimary from defaults, the proxy list from the site: the rule is about initialPrimary
    const defaults = DEFAULTS.replace('proxies: { nodes: [n1] }', 'proxies: { nodes: [n1], initialPrimary: n1 }');
    const text = fleet('  - name: eu\n', defaults);
    const { line, column } = positionOf(text, 'n1 }');
    expect(fleetProblems(text, { 'sites/eu/site.yaml': 'ais:\n  proxies: { nodes: [n2] }\n  targets: { nodes: [n2], mountpaths: [/ais/sda] }\n' }))
      .toEqual([`fleet.yaml:${line}:${column}: ais.proxies.initialPrimary: initial primary n1 is not one of the proxy nodes (n2) (site eu)`]);
  });

  it('an unknown key in a site\'s file: the hint, in that file', () => {
    expect(fleetProblems(fleet('  - name: eu\n'), { 'sites/eu/site.yaml': 'namespce: x\n' }))
      .toEqual(['sites/eu/site.yaml:1:1: namespce: unknown key `namespce`; did you mean `namespace`? (site eu)']);
  });

  it('a null in the site removes the default (the schema default applies)', () => {
    expect(fleetProblems(fleet('  - name: eu\n'), { 'sites/eu/site.yaml': 'namespace: null\n' })).toEqual([]);
  });

  it('gitops: is the fleet\'s (fleet.argocd), in defaults or a site', () => {
    expect(fleetProblems(fleet('  - name: eu\n'), { 'sites/eu/site.yaml': 'gitops: { argocd: { repoURL: x } }\n' })).toEqual([
      'sites/eu/site.yaml:1:1: gitops: a fleet delivers its sites with the ApplicationSets of fleet.argocd: remove gitops: here (set Argo CD options under fleet.argocd) (site eu)']);
  });

  it('a site file that does not exist: at the site, with what to do', () => {
    const text = fleet('  - name: eu\n  - name: us\n    file: us.yaml\n');
    const eu = positionOf(text, 'eu');
    const us = positionOf(text, 'us.yaml');
    expect(fleetProblems(text)).toEqual([
      `fleet.yaml:${eu.line}:${eu.column}: sites[0].name: the site's config sites/eu/site.yaml does not exist: write it (a partial cluster config), or give the site \`file:\` or \`config:\` (site eu)`,
      `fleet.yaml:${us.line}:${us.column}: sites[1].file: the site's config us.yaml does not exist: write it (a partial cluster config), or give the site \`file:\` or \`config:\` (site us)`,
    ]);
  });

  it('every problem of every file in one run: one in a site\'s file, one in defaults, one in the fleet section', () => {
    const text = fleet('  - name: eu\n    wave: x\n  - name: us\n', DEFAULTS.replace('name: demo', 'name: Demo'));
    const problems = fleetProblems(text, { 'sites/eu/site.yaml': 'namespace: A\n', 'sites/us/site.yaml': '{}\n' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['fleet.yaml', 'fleet.yaml', 'sites/eu/site.yaml']);
    expect(problems[0]).toMatch(/name: .*\(sites eu, us\)$/);
    expect(problems[1]).toMatch(/sites\[0\]\.wave: a wave needs a rollout/);
  });
});

/**
 * The same rulebooks: every error row of the cluster case tables, its config used once as a site's file and
 * once as the fleet's defaults, gives the same message at the same key, in the file it was written in.
 */
describe('the cluster rulebooks, through a fleet', () => {
  const rows = ([...AIS_CASES, ...OPERATOR_CASES, ...AURISTOR_CASES, ...GITOPS_CASES] as ReadonlyArray<RuleCase<unknown>>)
    .filter((row) => !!row.yaml && !row.warning && !row.yaml.text.includes('gitops:'))
    .map((row) => ({ ...row, yaml: row.yaml! }));

  it.each(rows.map((row) => [row.rule, row] as const))('%s', (_, row) => {
    const expected = expectedLine(row.yaml.text, row.yaml, row.problem.message, 'sites/s1/site.yaml');
    expect(fleetProblems(`${HEAD}sites:\n  - name: s1\n`, { 'sites/s1/site.yaml': row.yaml.text })).toEqual([`${expected} (site s1)`]);
    const indented = row.yaml.text.replace(/^(?=.)/gm, '  ');
    const asDefaults = `${HEAD}defaults:\n${indented}sites:\n  - name: s1\n    config: {}\n`;
    const { line, column } = typeof row.yaml.at === 'string' ? positionOf(row.yaml.text, row.yaml.at) : positionOf(row.yaml.text, row.yaml.at[0], row.yaml.at[1]);
    const offset = HEAD.split('\n').length;
    expect(fleetProblems(asDefaults)).toEqual([`fleet.yaml:${line + offset}:${column + 2}: ${row.yaml.path}: ${row.yaml.message ?? row.problem.message} (site s1)`]);
  });
});
