/**
 * Every command the CLI prints runs as shown (issue 25, audit newcomer-2026-12-06 F7/F8): in a
 * scratch GitOps repository that uses the installed package, each way of starting the generator
 * gets hints in its own form (`npm run <script> -- …`, `npx cdk8s-storage …`), each hint kind is
 * executed as printed (the table PRINTED below lists every place lib/ prints a command and how it is
 * run here; a cluster tool's command, with no cluster here, is checked to exist with those flags),
 * and the new-cluster hint never names the refused folder. A reader that goes away (`| head`) ends
 * the output quietly. Real processes throughout; independent trials run at once (each in its own
 * scratch repository), most of their time being a child node loading cdk8s.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { detectInvocation, commandLine } from '../../lib/generator/invocation';
import { EXAMPLES, ROOT, tempDir } from '../support/cli';
import { clusterCommandProblem, commandsInSource, withoutCommentLines } from '../support/cluster-commands';
import { REFERENCE, edit } from '../support/gitops';
import { runAsync } from '../support/synth-process';

/** The environment of a user's shell: none of the npm variables of the `npm test` running this file. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
/** Runs a command line as a user's shell does, without blocking the other trials of this file. */
const shell = (command: string, cwd: string, env: NodeJS.ProcessEnv = {}) => runAsync('sh', ['-c', command], cwd,
  { ...ENV, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env });

/** A GitOps repository using the installed package (node_modules/cdk8s-storage and its .bin link), with two npm scripts. */
function gitopsRepo(): string {
  const repo = tempDir('cdk8s-storage-gitops-');
  fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'cdk8s-storage'));
  fs.symlinkSync('../cdk8s-storage/bin/cdk8s-storage.js', path.join(repo, 'node_modules', '.bin', 'cdk8s-storage'));
  fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({
    name: 'my-gitops', private: true,
    scripts: { synth: 'cdk8s-storage', gen: 'cdk8s-storage clusters/demo.yaml --out dist' },
  }));
  fs.mkdirSync(path.join(repo, 'clusters'));
  fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), REFERENCE);
  return repo;
}

/** The command a hint of the CLI gives, by the words around it. */
function hintIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no hint ${pattern} in:\n${text}`);
  return match[1];
}
const CHECK_HINT = /^Run `([^`]+)`, review, and commit the result\.$/m;
const NEW_FOLDER_HINT = /go beside it\): `([^`]+)`\.$/m;
const ALLOW_DANGEROUS_HINT = /then run `([^`]+)`\.$/m;

/** How each form starts the generator on clusters/demo.yaml → dist/, and the form its hints take. */
const FORMS = [
  { name: 'npm script', start: 'npm run synth -- clusters/demo.yaml --out dist', hint: 'npm run synth -- clusters/demo.yaml --out dist', refusal: true },
  { name: 'npm script with its own arguments', start: 'npm run gen --', hint: 'npx cdk8s-storage clusters/demo.yaml --out dist', refusal: false },
  { name: 'npx', start: 'npx cdk8s-storage clusters/demo.yaml --out dist', hint: 'npx cdk8s-storage clusters/demo.yaml --out dist', refusal: false },
  // the refusal's hints in npx form (run by npm exec) from the installed bin run without npm
  { name: 'the .bin link', start: './node_modules/.bin/cdk8s-storage clusters/demo.yaml --out dist', hint: 'npx cdk8s-storage clusters/demo.yaml --out dist', refusal: true },
];

describe.concurrent.each(FORMS)('started as $name', ({ start, hint, refusal }) => {
  const at = (extra: string) => `${start} ${extra}`.trim();

  it('--help, --check and a refused change print commands of that form, and each runs as printed', async () => {
    const repo = gitopsRepo();
    const help = await shell(at('--help'), repo);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain(`Usage: ${commandLine(hint.startsWith('npm') ? { form: 'npm-script', script: 'synth' } : { form: 'npx' }, ['[config.yaml]', '[options]']).replace(/'/g, '')}`);
    expect((await shell(at('--quiet'), repo)).status).toBe(0);

    // --check of an output that is out of date (its PLAN.md deleted): the printed synth regenerates, then --check passes
    fs.rmSync(path.join(repo, 'PLAN.md'));
    const stale = await shell(at('--check'), repo);
    expect(stale.status).toBe(1);
    const regenerate = hintIn(stale.stderr, CHECK_HINT);
    expect(regenerate).toBe(hint);
    expect((await shell(regenerate, repo)).status).toBe(0);
    expect((await shell(at('--check'), repo)).status).toBe(0);
    if (!refusal) return;

    // a new cluster over this output: refused; the new-folder hint writes elsewhere, the other overrides
    fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), REFERENCE.replace(/^name: .*$/m, 'name: second'));
    const refused = await shell(at(''), repo);
    expect(refused.status).toBe(1);
    const [newFolder, allowDangerous] = [hintIn(refused.stderr, NEW_FOLDER_HINT), hintIn(refused.stderr, ALLOW_DANGEROUS_HINT)];
    expect(newFolder).toBe(`${hint.replace(/ --out dist$/, '')} --out clusters/dist`);
    expect(allowDangerous).toBe(`${hint} --allow-dangerous`);
    const written = await shell(newFolder, repo);
    expect(written.status, written.stderr).toBe(0);
    expect(fs.existsSync(path.join(repo, 'clusters', 'dist', '.cdk8s-storage-files'))).toBe(true);
    const overridden = await shell(allowDangerous, repo);
    expect(overridden.status, overridden.stderr).toBe(0);
    expect((await shell(at('--check'), repo)).status).toBe(0);
  }, 60_000);
});

describe.concurrent('the new-cluster hint', () => {
  it('never names the refused folder: following it twice does not loop', async () => {
    const repo = gitopsRepo();
    const bin = './node_modules/.bin/cdk8s-storage';
    expect((await shell(`${bin} clusters/demo.yaml --out clusters/dist --quiet`, repo)).status).toBe(0);
    fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), REFERENCE.replace(/^name: .*$/m, 'name: second'));
    // the audit's loop: the folder the hint would suggest beside the config is the refused one
    const refused = await shell(`${bin} clusters/demo.yaml --out clusters/dist`, repo);
    expect(refused.status).toBe(1);
    const hint = hintIn(refused.stderr, NEW_FOLDER_HINT);
    expect(hint).toBe('npx cdk8s-storage clusters/demo.yaml --out clusters/second/dist');
    expect((await shell(hint, repo)).status).toBe(0);
  }, 60_000);
});

describe('detectInvocation', () => {
  const cwd = '/repo';
  it.each([
    ['the clone\'s npm run synth', 'bin/cdk8s-storage.js', { npm_config_user_agent: 'npm/11.0.0 node/v20', npm_command: 'run', npm_lifecycle_event: 'synth', npm_lifecycle_script: 'node bin/cdk8s-storage.js' }, 'npm run synth -- --x'],
    ['pnpm run synth in the clone (its argument rules differ): the direct form', '/repo/bin/cdk8s-storage.js', { npm_config_user_agent: 'pnpm/9.0.0', npm_command: 'run', npm_lifecycle_event: 'synth', npm_lifecycle_script: 'node bin/cdk8s-storage.js' }, 'node bin/cdk8s-storage.js --x'],
    ['a script inherited from npm test (vitest spawning the bin)', '/repo/bin/cdk8s-storage.js', { npm_config_user_agent: 'npm/11', npm_command: 'run', npm_lifecycle_event: 'test', npm_lifecycle_script: 'tsc --noEmit && vitest run' }, 'node bin/cdk8s-storage.js --x'],
    ['a global install on PATH', '/usr/local/bin/cdk8s-storage', {}, 'cdk8s-storage --x'],
  ])('%s', (_name, argv1, env, expected) => {
    expect(commandLine(detectInvocation(argv1, env, cwd), ['--x'])).toBe(expected);
  });
});

describe('stream errors', () => {
  it('a reader that goes away (| head) ends the output quietly: no EPIPE stack trace, the files are written, the exit code is the run\'s', async () => {
    const repo = tempDir();
    fs.writeFileSync(path.join(repo, 'cluster.yaml'), REFERENCE);
    for (let i = 0; i < 5; i++) {
      fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), 'cluster.yaml'], { cwd: repo });
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      child.stdout.once('data', () => child.stdout.destroy()); // read a little, then close the pipe
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(code).toBe(0);
      expect(fs.existsSync(path.join(repo, 'dist', '.cdk8s-storage-files'))).toBe(true);
    }
  }, 60_000);
});

type Kind = 'synth' | 'cdk8s-cli' | 'git' | 'runbook script' | 'cluster tool' | 'on a node' | 'clone script';

/**
 * Every place lib/ prints a command for the user to type (a message, PLAN.md, FLEET.md, a runbook,
 * an alert), and its kind. `scanned`: the command is spelled out in the file, so the table test
 * below finds it (a file that starts printing commands fails that test until it is listed here);
 * the synth commands are built by commandLine (lib/generator/invocation.ts) from how synth was started.
 */
const PRINTED: readonly { file: string; prints: string; kind: Kind; scanned?: true }[] = [
  { file: 'lib/generator/cli-args.ts', prints: 'Usage: <synth> [config.yaml] [options] (--help, a bad command line)', kind: 'synth' },
  { file: 'lib/generator/check.ts', prints: '--check out of date: Run `<synth>`, review, and commit', kind: 'synth' },
  { file: 'lib/generator/review-step.ts', prints: 'refusal: `<synth> --out <new folder>` for a new cluster; `<synth> --allow-dangerous`', kind: 'synth' },
  { file: 'lib/output/ownership.ts', prints: 'refusing --out: point --out at a folder of its own: `<synth> --out <folder>`', kind: 'synth' },
  { file: 'lib/generator/cli.ts', prints: 'an error no check foresaw: `CDK8S_STORAGE_DEBUG=1 <synth>`', kind: 'synth' },
  { file: 'lib/generator/fleet.ts', prints: 'fleet refusal `<synth> --allow-dangerous=<site>`; fleet --check `Run <synth>`', kind: 'synth' },
  { file: 'lib/generator/invocation.ts', prints: 'the forms: npm run <script> -- …, npx cdk8s-storage …', kind: 'synth', scanned: true },
  { file: 'lib/generator/cdk8s-cli.ts', prints: '`npx cdk8s synth --output <scratch>` after cdk8s-cli deleted the output', kind: 'cdk8s-cli', scanned: true },
  { file: 'lib/generator/cdk8s-cli.ts', prints: '`git checkout -- <output>` after cdk8s-cli deleted the output', kind: 'git', scanned: true },
  { file: 'lib/review/runbook/render-text.ts', prints: 'Script: <folder>/NN-<id>.sh (--dry-run, --help), under a change review', kind: 'runbook script' },
  { file: 'lib/review/rules/ais-workloads.ts', prints: 'review prose: ais cluster decommission, kubectl delete … --cascade=orphan', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/auristor-control-plane.ts', prints: 'review prose: kubectl delete statefulset', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/immutable-fields.ts', prints: 'review prose: kubectl delete <kind> <name> -n <ns>', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/mountpath-removed.ts', prints: 'review prose: ais storage mountpath detach, ais show cluster target', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/on-delete-restart.ts', prints: 'review prose: kubectl delete pod, ais show cluster', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/operator-webhook.ts', prints: 'review prose: kubectl delete aistore, ais cp', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/proxy-restart.ts', prints: 'review prose: kubectl rollout status, ais show cluster proxy', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/release-renamed.ts', prints: 'review prose: ais cluster decommission, ais cp', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/retained-on-removal.ts', prints: 'review prose: kubectl label node, kubectl delete', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/rules/target-scale-down.ts', prints: 'review prose: ais cluster add-remove-nodes decommission, ais show cluster target', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/kmod-changes.ts', prints: 'review prose (AuriStorFS kmod): kubectl drain, kubectl delete, kubectl get ds', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/auristor-runbooks.ts', prints: 'AuriStorFS runbook steps: kubectl drain/uncordon/delete/taint/get', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/auristor-runbooks.ts', prints: 'AuriStorFS runbook steps: lsmod | grep \'^yfs \' on the node', kind: 'on a node', scanned: true },
  { file: 'lib/review/runbook/ais-cli.ts', prints: 'runbook scripts: the ais commands', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/runbook/shell.ts', prints: 'runbook scripts: the kubectl and argocd commands', kind: 'cluster tool', scanned: true },
  { file: 'lib/review/runbooks/cluster.ts', prints: 'runbook text: ais ls, ais cp', kind: 'cluster tool', scanned: true },
  { file: 'lib/ais/config-changes.ts', prints: 'review note: ais config cluster KEY=VALUE', kind: 'cluster tool', scanned: true },
  { file: 'lib/ais/nodes/node-labels.ts', prints: 'label-nodes.sh: kubectl label node … --overwrite', kind: 'cluster tool', scanned: true },
  { file: 'lib/ais/monitoring/alerts/error-alerts.ts', prints: 'alert descriptions: ais show job, ais storage mountpath show', kind: 'cluster tool', scanned: true },
  { file: 'lib/ais/monitoring/alerts/kubernetes-alerts.ts', prints: 'alert descriptions: kubectl describe statefulset, kubectl logs --previous', kind: 'cluster tool', scanned: true },
  { file: 'lib/ais/monitoring/state-flags.ts', prints: 'alert descriptions: ais show/start/storage …, kubectl logs --previous', kind: 'cluster tool', scanned: true },
  { file: 'lib/report/plan.ts', prints: 'PLAN.md: maintenance of a node (ais, kubectl drain/uncordon), preflight', kind: 'cluster tool', scanned: true },
  { file: 'lib/report/networks.ts', prints: 'PLAN.md networks: kubectl get secret/configmap for the CA, ais show cluster, ais etl init', kind: 'cluster tool', scanned: true },
  { file: 'lib/report/fleet.ts', prints: 'FLEET.md: argocd app list, kubectl apply/get/rollout restart', kind: 'cluster tool', scanned: true },
  { file: 'lib/config/config-reference.ts', prints: 'docs/config-reference.md header: npm run schema (in the clone)', kind: 'clone script', scanned: true },
];

/** How each kind is run here, as printed (the tests below), or checked where it needs a cluster. */
const RUN_BY: Record<Kind, string> = {
  synth: 'run as printed in a scratch GitOps repository: FORMS (--help, --check, refusals), the ownership refusal, the debug hint, the fleet hints',
  'cdk8s-cli': 'run as printed: `npx cdk8s synth` pointed at the output',
  git: 'run as printed: the scratch repository is a git repository with its output committed',
  'runbook script': 'run as printed: `bash <path> --dry-run` and `--help` from where synth ran',
  'cluster tool': 'needs a cluster: checked to be a command of kubectl 1.28, ais v4.9 or argocd with those flags (test/support/cluster-commands.ts), in the source and in real output',
  'on a node': 'needs the node: parsed by sh -n',
  'clone script': 'an npm script of the clone: package.json has it',
};

/** Command paths assembled from parts (a constant and a variable), which the source scan cannot read: checked in the runbooks' dry-run output instead. */
const ASSEMBLED = ['ais cluster add-remove-nodes', 'ais advanced X-backend X'];

function libFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? libFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}
/** The commands each lib/ file spells out, outside comments. */
const SCANNED = new Map(libFiles(path.join(ROOT, 'lib')).map((file) => [path.relative(ROOT, file).split(path.sep).join('/'),
  commandsInSource(withoutCommentLines(fs.readFileSync(file, 'utf8')))] as const).filter(([, commands]) => commands.length > 0));

/** The cluster-tool commands in a text, each part of a pipeline or `&&` chain on its own. */
const clusterParts = (command: string) => command.split(/ && | \| |\$\(|\)(?=[; ]|$)|;(?= |$)/).map((part) => part.trim()).filter((part) => /^(kubectl|ais|argocd) /.test(part));
/** Every `…` span of a text that is a cluster tool's command. */
const clusterCommandsIn = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].flatMap((m) => clusterParts(m[1]));

describe('the table of printed commands', () => {
  it('lists every lib/ file that spells out a command, and nothing that no longer does', () => {
    const listed = new Set(PRINTED.filter((row) => row.scanned).map((row) => row.file));
    expect([...SCANNED.keys()].filter((file) => !listed.has(file)), 'files printing commands missing from PRINTED').toEqual([]);
    expect([...listed].filter((file) => !SCANNED.has(file)), 'PRINTED rows whose file prints no command').toEqual([]);
    for (const row of PRINTED) expect(RUN_BY[row.kind]).toBeDefined();
    for (const row of PRINTED.filter((r) => !r.scanned)) expect(fs.existsSync(path.join(ROOT, row.file)), row.file).toBe(true);
  });

  it('every kubectl, ais and argocd command in lib/ exists with those flags (no cluster here)', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const row of PRINTED.filter((r) => r.kind === 'cluster tool')) {
      for (const command of SCANNED.get(row.file) ?? []) {
        for (const part of clusterParts(command).filter((p) => !ASSEMBLED.includes(p))) {
          checked++;
          const problem = clusterCommandProblem(part);
          if (problem) problems.push(`${row.file}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  });

  it('a command run on a node parses as shell; an npm script named for the clone exists', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const row of PRINTED.filter((r) => r.kind === 'on a node' || r.kind === 'clone script')) {
      for (const command of (SCANNED.get(row.file) ?? []).filter((c) => !/^(kubectl|ais|argocd) /.test(c))) {
        if (row.kind === 'clone script') expect(pkg.scripts[/^npm run (\S+)$/.exec(command)?.[1] ?? ''], command).toBeDefined();
        else expect((await shell(`sh -n -c ${JSON.stringify(command)}`, ROOT)).status, command).toBe(0);
      }
    }
  });

  it('the checker knows a wrong flag, verb or command when it sees one', () => {
    expect(clusterCommandProblem('kubectl drain cpu01 --ignore-daemonsets --delete-local-data')).toMatch(/--delete-local-data is not a flag/);
    expect(clusterCommandProblem('kubectl delete pod x --cascade=false')).toMatch(/--cascade takes/);
    expect(clusterCommandProblem('kubectl restart pod x')).toMatch(/no verb/);
    expect(clusterCommandProblem('ais cluster remove-node TARGET_ID')).toMatch(/no command/);
    expect(clusterCommandProblem('ais cluster add-remove-nodes decommission TARGET_ID --force')).toMatch(/--force is not a flag/);
    expect(clusterCommandProblem('argocd app sync x --wait-forever')).toMatch(/not a flag/);
    expect(clusterCommandProblem('ais show cluster target --json')).toBeUndefined();
  });
});

/** Runs the refused commands' hints the way a user would: the repository state for each is its own. */
describe.concurrent('each kind of printed command runs as printed', () => {
  const bin = './node_modules/.bin/cdk8s-storage';

  it('the ownership refusal (--out holding the config, or the working directory): its command writes to a free folder', async () => {
    const repo = gitopsRepo();
    fs.mkdirSync(path.join(repo, 'dist'));
    fs.copyFileSync(path.join(repo, 'clusters', 'demo.yaml'), path.join(repo, 'dist', 'demo.yaml')); // dist/ is not free: it holds a config
    fs.mkdirSync(path.join(repo, 'work'));
    const cases = [
      { cwd: repo, start: `${bin} clusters/demo.yaml --out clusters`, hint: 'npx cdk8s-storage clusters/demo.yaml --out demo/dist' },
      { cwd: repo, start: `${bin} dist/demo.yaml --out dist`, hint: 'npx cdk8s-storage dist/demo.yaml --out demo/dist' }, // the output synth wrote above
      { cwd: repo, start: `${bin} dist/demo.yaml --out .`, hint: 'npx cdk8s-storage dist/demo.yaml --out demo/dist' },
      { cwd: path.join(repo, 'work'), start: `.${bin} ../clusters/demo.yaml --out .`, hint: 'npx cdk8s-storage ../clusters/demo.yaml --out dist' },
    ];
    for (const { cwd, start, hint } of cases) {
      const refused = await shell(start, cwd);
      expect(refused.status, refused.stderr).toBe(1);
      expect(hintIn(refused.stderr, /point --out at a folder of its own: `([^`]+)`$/m)).toBe(hint);
      const followed = await shell(hint, cwd);
      expect(followed.status, `${hint}\n${followed.stderr}`).toBe(0);
      expect(fs.existsSync(path.join(cwd, hint.split('--out ')[1], '.cdk8s-storage-files')), hint).toBe(true);
    }
  }, 120_000);

  it('`npx cdk8s synth` pointed at the output (cdk8s.yaml without output: dist): git checkout, the synth, and a scratch --output, each as printed', async () => {
    const repo = gitopsRepo();
    // cdk8s-cli installed beside the package, as `npm install -D cdk8s-cli` would
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'cdk8s-cli'), path.join(repo, 'node_modules', 'cdk8s-cli'));
    fs.symlinkSync('../cdk8s-cli/bin/cdk8s', path.join(repo, 'node_modules', '.bin', 'cdk8s'));
    fs.writeFileSync(path.join(repo, 'cdk8s.yaml'), YAML.stringify({ language: 'typescript', app: 'npx cdk8s-storage clusters/demo.yaml --out dist' }));
    const noUpgradeCheck = { CDK8S_CHECK_UPGRADE: 'false' }; // cdk8s-cli asks the npm registry otherwise (lib/cli/index.js; .env('CDK8S'))
    expect((await shell(`${bin} clusters/demo.yaml --out dist --quiet`, repo)).status).toBe(0);
    const git = 'git -c user.name=t -c user.email=t@example.com';
    expect((await shell(`git init -q && ${git} add -A && ${git} commit -qm output`, repo)).status).toBe(0);
    const deleting = await shell('npx cdk8s synth', repo, noUpgradeCheck);
    expect(deleting.status).not.toBe(0);
    expect(fs.existsSync(path.join(repo, 'dist'))).toBe(false); // cdk8s-cli deleted it before the generator started
    const line = /^error: cdk8s synth --output dist deleted .*$/m.exec(deleting.stderr)?.[0] ?? '';
    const [restore, synth, scratch] = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect([restore, synth, scratch]).toEqual(['git checkout -- dist', 'npx cdk8s-storage clusters/demo.yaml --out dist', 'npx cdk8s synth --output cdk8s.out']);
    expect((await shell(restore, repo)).status).toBe(0);
    const written = await shell(synth, repo);
    expect(written.status, written.stderr).toBe(0);
    expect((await shell(`${bin} clusters/demo.yaml --out dist --check`, repo)).status).toBe(0);
    const viaCdk8s = await shell(scratch, repo, noUpgradeCheck);
    expect(viaCdk8s.status, viaCdk8s.stderr).toBe(0);
    expect(fs.readdirSync(path.join(repo, 'cdk8s.out')).filter((name) => name.endsWith('.yaml')).length).toBeGreaterThan(3);
    expect((await shell('git status --porcelain -- dist PLAN.md', repo)).stdout).toBe(''); // the output as committed
  }, 120_000);

  it('a dangerous change: its cluster commands exist with their flags; the printed --allow-dangerous writes it, and the runbook script runs from the printed path', async () => {
    const repo = gitopsRepo();
    const start = `${bin} clusters/demo.yaml --out clusters/dist`; // the output in a sub-folder: its runbooks/ is not beside the working directory
    expect((await shell(`${start} --quiet`, repo)).status).toBe(0);
    // one target and one mountpath fewer: scale-down, mountpath removal, a Node left behind, restarts
    fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), edit(edit(REFERENCE, /, cpu12\]/g, ']'), ', /ais/sdj]', ']'));
    const refused = await shell(start, repo);
    expect(refused.status).toBe(1);
    const inReview = clusterCommandsIn(refused.stderr);
    expect(inReview, refused.stderr).toEqual(expect.arrayContaining(['ais cluster add-remove-nodes decommission TARGET_ID', 'ais storage mountpath detach TARGET_ID=/ais/sdj', 'kubectl delete pod demo-target-0 -n ais']));
    expect(inReview.map(clusterCommandProblem).filter(Boolean)).toEqual([]);
    expect(refused.stderr).toContain('Script: clusters/runbooks/01-ais-change.sh once synth writes this change');

    const written = await shell(hintIn(refused.stderr, ALLOW_DANGEROUS_HINT), repo);
    expect(written.status, written.stderr).toBe(0);
    const script = hintIn(written.stdout, /^ {2}Script: (\S+) \(--dry-run prints every command, --help says more\)$/m);
    expect(script).toBe('clusters/runbooks/01-ais-change.sh');
    const [dryRun, help] = await Promise.all([shell(`bash ${script} --dry-run`, repo), shell(`bash ${script} --help`, repo)]);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
    // the commands the dry run prints, the cluster tools' among them, exist with their flags
    const run = dryRun.stdout.split('\n').flatMap(clusterParts);
    expect(run).toEqual(expect.arrayContaining(['ais cluster add-remove-nodes decommission "$node_id" --yes', 'ais storage mountpath detach "$node_id=/ais/sdj"']));
    expect(run.map(clusterCommandProblem).filter(Boolean)).toEqual([]);
    // PLAN.md's commands too
    expect(clusterCommandsIn(fs.readFileSync(path.join(repo, 'clusters', 'PLAN.md'), 'utf8')).map(clusterCommandProblem).filter(Boolean)).toEqual([]);
  }, 120_000);

  it('an error no check foresaw: the printed CDK8S_STORAGE_DEBUG command shows where it was raised', async () => {
    const repo = gitopsRepo();
    fs.mkdirSync(path.join(repo, 'PLAN.md')); // a folder where PLAN.md goes
    const failed = await shell(`${bin} clusters/demo.yaml --out dist`, repo);
    expect(failed.status).toBe(1);
    const debug = hintIn(failed.stderr, /^\(to see where it was raised: `([^`]+)`;/m);
    expect(debug).toBe('CDK8S_STORAGE_DEBUG=1 npx cdk8s-storage clusters/demo.yaml --out dist');
    const traced = await shell(debug, repo);
    expect(traced.status).not.toBe(0);
    expect(traced.stderr).toMatch(/\n\s+at /);
  }, 60_000);

  it('a fleet: the refusal\'s --allow-dangerous=<site> and the --check synth run as printed', async () => {
    const repo = gitopsRepo();
    fs.cpSync(path.join(EXAMPLES, 'fleet'), path.join(repo, 'fleet'), { recursive: true });
    expect((await shell(`${bin} fleet/fleet.yaml --quiet`, repo)).status).toBe(0);
    const site = path.join(repo, 'fleet', 'sites', 'eu-west-1', 'site.yaml');
    fs.writeFileSync(site, edit(fs.readFileSync(site, 'utf8'), ', /ais/sdj]', ']'));
    const refused = await shell(`${bin} fleet/fleet.yaml`, repo);
    expect(refused.status).toBe(1);
    const accept = hintIn(refused.stderr, ALLOW_DANGEROUS_HINT);
    expect(accept).toBe('npx cdk8s-storage fleet/fleet.yaml --allow-dangerous=eu-west-1');
    const script = hintIn(refused.stderr, /^ {2}Script: (fleet\/sites\/eu-west-1\/runbooks\/\d\d-[a-z0-9-]+\.sh) once synth writes this change /m);
    expect(fs.existsSync(path.join(repo, script))).toBe(false);
    expect((await shell(accept, repo)).status).toBe(0);
    expect((await shell(`bash ${script} --dry-run`, repo)).status).toBe(0);
    fs.rmSync(path.join(repo, 'fleet', 'sites', 'us-east-1', 'PLAN.md'));
    const stale = await shell(`${bin} fleet/fleet.yaml --check`, repo);
    expect(stale.status).toBe(1);
    // the site's and the fleet's: the same command
    const regenerate = [...stale.stderr.matchAll(new RegExp(CHECK_HINT.source, 'gm'))].map((m) => m[1]);
    expect(regenerate).toEqual(['npx cdk8s-storage fleet/fleet.yaml', 'npx cdk8s-storage fleet/fleet.yaml']);
    expect((await shell(regenerate[0], repo)).status).toBe(0);
    expect((await shell(`${bin} fleet/fleet.yaml --check`, repo)).status).toBe(0);
  }, 120_000);
});
