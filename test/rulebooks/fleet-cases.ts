/**
 * The rows of the fleet rules of the GitOps rulebook (lib/gitops/fleet-checks.ts): the library builds an
 * ArgoFleet from the props, the YAML path loads a fleet file (sites inline, so one file holds the case).
 */
import type { ArgoFleetProps } from '../../lib/gitops/fleet-props';
import { RuleCase, edit } from './cases';

export const FLEET_PROPS: ArgoFleetProps = {
  name: 'storage', repoURL: 'https://git.example.com/fleet.git',
  waves: [{ name: 'canary' }, { name: 'main' }],
  sites: [{ name: 'eu', wave: 'canary' }, { name: 'us', wave: 'main' }],
};

export const FLEET_YAML = `fleet:
  name: storage
  argocd: { repoURL: "https://git.example.com/fleet.git" }
  rollout:
    waves: [{ name: canary }, { name: main }]
defaults:
  name: demo
  ais:
    proxies: { nodes: [n1] }
    targets: { nodes: [n1], mountpaths: [/ais/sda] }
sites:
  - name: eu
    wave: canary
    config: {}
  - name: us
    wave: main
    config: {}
`;

const yaml = (from: string, to: string) => edit(FLEET_YAML, from, to);
const site = (index: number, props: Partial<ArgoFleetProps['sites'][number]>) => FLEET_PROPS.sites.map((s, i) => (i === index ? { ...s, ...props } : s));
const WINDOW = { kind: 'allow' as const, schedule: '0 22 * * 1-5', duration: '6h' };
const LONG = 'a'.repeat(47);

export const FLEET_CASES: ReadonlyArray<RuleCase<ArgoFleetProps>> = [
  { rule: 'site names are unique',
    props: { ...FLEET_PROPS, sites: site(1, { name: 'eu' }) },
    problem: { path: 'sites[1].name', message: 'site eu is listed twice (also sites[0])' },
    yaml: { text: yaml('  - name: us', '  - name: eu'), path: 'sites[1].name', at: ['eu', 2] } },
  { rule: 'every Application name <fleet>-<site>-<product> fits a label (63 characters)',
    props: { ...FLEET_PROPS, sites: site(0, { name: LONG }) },
    problem: { path: 'sites[0].name', message: `Application storage-${LONG}-auristor is 64 characters; at most 63 (Argo CD tracks resources by a label holding the name): shorten the site or the fleet name` },
    yaml: { text: yaml('  - name: eu', `  - name: ${LONG}`), path: 'sites[0].name', at: LONG } },
  { rule: 'two sites never share a cluster',
    props: { ...FLEET_PROPS, sites: site(1, { cluster: 'eu' }) },
    problem: { path: 'sites[1].cluster', message: 'cluster eu is also site eu\'s: two sites in one cluster would emit the same cluster-scoped objects (Nodes, PVs, StorageClasses) from two Applications' },
    yaml: { text: yaml('    wave: main', '    wave: main\n    cluster: eu'), path: 'sites[1].cluster', at: ['eu', 2] } },
  { rule: 'with destination server, a site\'s cluster is an API server URL (a site\'s cluster defaults to its name)',
    props: { ...FLEET_PROPS, destination: 'server', sites: [FLEET_PROPS.sites[0], { ...FLEET_PROPS.sites[1], cluster: 'https://10.0.0.2:6443' }] },
    problem: { path: 'sites[0].cluster', message: 'with destination: server, the cluster is an API server URL such as https://10.0.0.1:6443, not "eu"' },
    yaml: { text: yaml('repoURL: "https://git.example.com/fleet.git" }', 'repoURL: "https://git.example.com/fleet.git", destination: server }')
      .replace('    wave: main', '    wave: main\n    cluster: https://10.0.0.2:6443'), path: 'sites[0].name', at: 'eu',
    message: 'with fleet.argocd.destination: server, the cluster is an API server URL such as https://10.0.0.1:6443, not "eu"' } },
  { rule: 'with a rollout, every site names a wave (an Application no step selects is never synced)',
    props: { ...FLEET_PROPS, sites: site(1, { wave: undefined }) },
    problem: { path: 'sites[1].name', message: 'site us has no wave: with a rollout every site names one of canary, main (an Application no step selects is never synced)' },
    yaml: { text: yaml('    wave: main\n', ''), path: 'sites[1].name', at: 'us' } },
  { rule: 'a site\'s wave is one of the rollout\'s',
    props: { ...FLEET_PROPS, sites: site(0, { wave: 'first' }) },
    problem: { path: 'sites[0].wave', message: 'wave first is not one of the rollout\'s waves (canary, main)' },
    yaml: { text: yaml('    wave: canary', '    wave: first'), path: 'sites[0].wave', at: 'first' } },
  { rule: 'a wave needs a rollout',
    props: { ...FLEET_PROPS, waves: undefined },
    problem: { path: 'sites[0].wave', message: 'a wave needs a rollout: list the waves in waves, or remove the wave' },
    yaml: { text: yaml('  rollout:\n    waves: [{ name: canary }, { name: main }]\n', '').replace('    wave: main\n', ''), path: 'sites[0].wave', at: 'canary',
      message: 'a wave needs a rollout: list the waves in fleet.rollout.waves, or remove the wave' } },
  { rule: 'wave names are unique',
    props: { ...FLEET_PROPS, waves: [{ name: 'canary' }, { name: 'canary' }], sites: site(1, { wave: 'canary' }) },
    problem: { path: 'waves[1].name', message: 'wave canary is listed twice' },
    yaml: { text: yaml('{ name: main }]', '{ name: canary }]').replace('    wave: main', '    wave: canary'), path: 'fleet.rollout.waves[1].name', at: ['canary', 2] } },
  { rule: 'maxUpdate is a count or a percentage up to 100%',
    props: { ...FLEET_PROPS, waves: [{ name: 'canary', maxUpdate: '150%' }, { name: 'main' }] },
    problem: { path: 'waves[0].maxUpdate', message: 'maxUpdate "150%" must be a whole number ≥ 0 or a percentage from 0% to 100%' },
    yaml: { text: yaml('{ name: canary }', '{ name: canary, maxUpdate: 150% }'), path: 'fleet.rollout.waves[0].maxUpdate', at: '150%' } },
  { rule: 'a rollout syncs the sites itself: no automated sync',
    props: { ...FLEET_PROPS, automated: true },
    problem: { path: 'automated', message: 'a rollout syncs the sites itself, wave by wave (RollingSync turns automated sync off): remove automated or waves' },
    yaml: { text: yaml('.git" }', '.git", automated: true }'), path: 'fleet.argocd.automated', at: 'true',
      message: 'a rollout syncs the sites itself, wave by wave (RollingSync turns automated sync off): remove automated or fleet.rollout.waves' } },
  { rule: 'prune needs automated sync',
    props: { ...FLEET_PROPS, prune: true },
    problem: { path: 'prune', message: 'prune applies only to automated sync: set automated: true or remove prune' },
    yaml: { text: yaml('.git" }', '.git", prune: true }'), path: 'fleet.argocd.prune', at: 'true',
      message: 'prune applies only to automated sync: set fleet.argocd.automated: true or remove prune' } },
  { rule: 'a sync window\'s schedule is five cron fields',
    props: { ...FLEET_PROPS, createProject: true, sites: site(0, { syncWindows: [{ ...WINDOW, schedule: '@daily' }] }) },
    problem: { path: 'sites[0].syncWindows[0].schedule', message: 'schedule "@daily" has 1 fields; expected five: minute hour day-of-month month day-of-week' },
    yaml: { text: yaml('.git" }', '.git", createProject: true }').replace('    wave: canary', '    wave: canary\n    syncWindows: [{ kind: allow, schedule: "@daily", duration: 6h }]'),
      path: 'sites[0].syncWindows[0].schedule', at: '"@daily"' } },
  { rule: 'a cron field stays within its range',
    props: { ...FLEET_PROPS, createProject: true, sites: site(0, { syncWindows: [{ ...WINDOW, schedule: '0 25 * * *' }] }) },
    problem: { path: 'sites[0].syncWindows[0].schedule', message: 'schedule "0 25 * * *": hour field "25" is not valid (0-23, *, lists, ranges, steps)' },
    yaml: { text: yaml('.git" }', '.git", createProject: true }').replace('    wave: canary', '    wave: canary\n    syncWindows: [{ kind: allow, schedule: "0 25 * * *", duration: 6h }]'),
      path: 'sites[0].syncWindows[0].schedule', at: '"0 25' } },
  { rule: 'a sync window\'s duration is a Go duration',
    props: { ...FLEET_PROPS, createProject: true, syncWindows: [{ ...WINDOW, duration: '6 hours' }] },
    problem: { path: 'syncWindows[0].duration', message: 'duration "6 hours" is not a Go duration such as 6h or 90m' },
    yaml: { text: yaml('.git" }', '.git", createProject: true }\n  syncWindows: [{ kind: deny, schedule: "0 22 * * 1-5", duration: 6 hours }]'),
      path: 'fleet.syncWindows[0].duration', at: '6 hours' } },
  { rule: 'a sync window\'s time zone is one Argo CD knows (an unknown one silently becomes UTC)',
    props: { ...FLEET_PROPS, createProject: true, sites: site(0, { syncWindows: [{ ...WINDOW, timeZone: 'Europe/Frankfurt' }] }) },
    problem: { path: 'sites[0].syncWindows[0].timeZone', message: 'time zone "Europe/Frankfurt" is not an IANA time zone (Argo CD would silently use UTC), e.g. Europe/Berlin' },
    yaml: { text: yaml('.git" }', '.git", createProject: true }').replace('    wave: canary', '    wave: canary\n    syncWindows: [{ kind: allow, schedule: "0 22 * * 1-5", duration: 6h, timeZone: Europe/Frankfurt }]'),
      path: 'sites[0].syncWindows[0].timeZone', at: 'Europe/Frankfurt' } },
  { rule: 'sync windows need the fleet\'s own AppProject',
    props: { ...FLEET_PROPS, sites: site(0, { syncWindows: [WINDOW] }) },
    problem: { path: 'sites[0].syncWindows', message: 'sync windows live on an AppProject: set createProject: true (the fleet\'s own project)' },
    yaml: { text: yaml('    wave: canary', '    wave: canary\n    syncWindows: [{ kind: allow, schedule: "0 22 * * 1-5", duration: 6h }]'), path: 'sites[0].syncWindows', at: '[{ kind',
      message: 'sync windows live on an AppProject: set fleet.argocd.createProject: true (the fleet\'s own project)' } },
  { rule: 'a region is a label value',
    props: { ...FLEET_PROPS, sites: site(0, { region: 'eu west' }) },
    problem: { path: 'sites[0].region', message: 'region "eu west" is not a valid label value: letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit' },
    yaml: { text: yaml('    wave: canary', '    wave: canary\n    region: eu west'), path: 'sites[0].region', at: 'eu west' } },
  { rule: 'the fleet root is a normalized folder of the repository',
    props: { ...FLEET_PROPS, path: 'fleets/' },
    problem: { path: 'path', message: 'fleets/ must be a normalized folder (no trailing /, no \'.\', \'..\' or \'//\' parts)' },
    yaml: { text: yaml('.git" }', '.git", path: fleets/ }'), path: 'fleet.argocd.path', at: 'fleets/' } },
];
