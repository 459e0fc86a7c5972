/**
 * The editor schema for a user of `npx cdk8s-storage` (issue 25 item 3, audit newcomer-2026-12-06 F7): a GitOps
 * repository run with npx has no node_modules, so no modeline into the package resolves there. `--write-schema`
 * writes the schemas into the repository (files that are ours by their `$id`; a re-run updates them when the
 * version changes; a user's file in the way is never replaced) and prints the exact modeline; every synth warns,
 * in one line at the modeline, when a config's modeline names a schema that is missing, of another version or of
 * another kind of file, with the line that works. Real processes: the package run from a stand-in of npx's cache
 * (a node_modules folder outside the repository, and an `npx` on PATH that runs its bin, as npx does once it has
 * fetched the package), on scratch repositories without node_modules. The modeline is resolved as
 * yaml-language-server resolves it (416ede2e, src/languageservice/services/yamlSchemaService.ts, `resolveSchemaRef`:
 * a relative path against the YAML file's folder, no node_modules lookup).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { FLEET_SCHEMA_PATH, JSON_SCHEMA_PATH, SITE_SCHEMA_PATH, schemaId } from '../../lib/config/json-schema';
import { packageVersion } from '../../lib/config/package-root';
import { findModeline } from '../../lib/generator/editor-schema';
import { EXAMPLES, ROOT, tempDir } from '../support/cli';

/** npx's cache, stood in for: the package in a node_modules folder of its own, and an `npx` that runs its bin from there. */
const NPX = (() => {
  const cache = tempDir('cdk8s-storage-npx-');
  fs.mkdirSync(path.join(cache, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(cache, 'node_modules', 'cdk8s-storage'));
  const bin = path.join(cache, 'bin');
  fs.mkdirSync(bin);
  const npx = path.join(bin, 'npx');
  fs.writeFileSync(npx, `#!/bin/sh\n[ "$1" = cdk8s-storage ] || exit 99\nshift\nexec "${process.execPath}" "${path.join(cache, 'node_modules', 'cdk8s-storage', 'bin', 'cdk8s-storage.js')}" "$@"\n`);
  fs.chmodSync(npx, 0o755);
  return { bin };
})();

/** A command line as the user types it, in a user's shell (none of the npm variables of the `npm test` running this file). */
function shell(command: string, cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...env, PATH: `${NPX.bin}:${env.PATH}` } });
}

const MINIMAL = fs.readFileSync(path.join(EXAMPLES, 'minimal.yaml'), 'utf8');
const withoutModeline = (text: string) => text.replace(/^# yaml-language-server:.*\n/m, '');

/** A GitOps repository without node_modules: clusters/demo.yaml starting with `modeline` (none: undefined). */
function repoWith(modeline: string | undefined, body = withoutModeline(MINIMAL)): string {
  const repo = tempDir('cdk8s-storage-npx-repo-');
  fs.mkdirSync(path.join(repo, 'clusters'));
  fs.writeFileSync(path.join(repo, 'clusters', 'demo.yaml'), modeline === undefined ? body : `${modeline}\n${body}`);
  return repo;
}

/** The file a modeline names, as yaml-language-server resolves it for `yamlFile`. */
function resolved(yamlFile: string, modeline: string): string {
  const ref = /\$schema=(\S+)$/.exec(modeline)![1];
  return path.isAbsolute(ref) ? ref : path.resolve(path.dirname(yamlFile), ref);
}

const EXAMPLE_LINE = `# yaml-language-server: $schema=../${JSON_SCHEMA_PATH}`; // the examples' line, as a user copies it
const WRITTEN_LINE = '# yaml-language-server: $schema=../schema/cluster-config.schema.json';
const warningsOf = (stderr: string) => stderr.split('\n').filter((line) => line.includes('warning: the editor schema'));
/** The commands a warning says to run, and the line it says to use. */
const advice = (warning: string) => ({ run: /run `([^`]+)`/.exec(warning)?.[1], use: /use `([^`]+)`/.exec(warning)![1] });

describe('--write-schema: the schema in a repository run with npx', () => {
  it('writes the schemas, prints the modeline of the config, and that line resolves there to a schema that checks the config', () => {
    const repo = repoWith(undefined);
    const run = shell('npx cdk8s-storage clusters/demo.yaml --write-schema', repo);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`wrote the editor schemas of cdk8s-storage ${packageVersion()}: schema/cluster-config.schema.json (added), schema/fleet.schema.json (added), schema/site.schema.json (added)`);
    expect(run.stdout).toContain(`Put this line at the top of clusters/demo.yaml (editors then complete and check it):\n${WRITTEN_LINE}\n`);
    expect(fs.existsSync(path.join(repo, 'node_modules'))).toBe(false);

    const config = path.join(repo, 'clusters', 'demo.yaml');
    const schemaFile = resolved(config, WRITTEN_LINE);
    expect(fs.realpathSync(schemaFile)).toBe(path.join(fs.realpathSync(repo), 'schema', 'cluster-config.schema.json')); // a file of the repository, committed with it
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(fs.readFileSync(path.join(ROOT, JSON_SCHEMA_PATH), 'utf8'));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    const parsed = YAML.parse(fs.readFileSync(config, 'utf8'));
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...parsed, nmae: 'x' })).toBe(false);

    // the user puts the line at the top: synth has nothing to say about it, and --write-schema sees it there
    fs.writeFileSync(config, `${WRITTEN_LINE}\n${fs.readFileSync(config, 'utf8')}`);
    const synth = shell('npx cdk8s-storage clusters/demo.yaml --out dist --quiet', repo);
    expect(synth.status, synth.stderr).toBe(0);
    expect(synth.stderr).toBe('');
    const again = shell('npx cdk8s-storage clusters/demo.yaml --write-schema', repo);
    expect(again.stdout).toContain(`the editor schemas of cdk8s-storage ${packageVersion()} in schema/ are up to date\nclusters/demo.yaml: line 1 already names it`);
  });

  it('a fleet: the line of the fleet file and of each site\'s file, each resolving to the schema of its kind', () => {
    const repo = tempDir('cdk8s-storage-npx-fleet-');
    fs.cpSync(path.join(EXAMPLES, 'fleet'), path.join(repo, 'fleet'), { recursive: true });
    const run = shell('npx cdk8s-storage fleet/fleet.yaml --write-schema', repo);
    expect(run.status, run.stderr).toBe(0);
    const lines = [...run.stdout.matchAll(/^Put this line at the top of (\S+) \(editors then complete and check it\):\n(.+)$/gm)].map((m) => [m[1], m[2]]);
    expect(lines.map(([file]) => file)).toEqual(['fleet/fleet.yaml', ...['eu-west-1', 'us-east-1', 'ap-south-1'].map((s) => `fleet/sites/${s}/site.yaml`)]);
    for (const [file, line] of lines) {
      const schema = JSON.parse(fs.readFileSync(resolved(path.join(repo, file), line), 'utf8'));
      expect(schema.$id, file).toBe(schemaId(file.endsWith('fleet.yaml') ? FLEET_SCHEMA_PATH : SITE_SCHEMA_PATH));
    }
  });

  it('without a config: the line for a config in the working directory', () => {
    const repo = repoWith(undefined);
    const run = shell('npx cdk8s-storage --write-schema', repo);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Put this line at the top of a cluster config in ./ (one ../ more per folder below it; give the config or fleet file with --write-schema for its exact line):\n'
      + '# yaml-language-server: $schema=./schema/cluster-config.schema.json\n');
    expect(fs.existsSync(path.join(repo, 'schema', 'cluster-config.schema.json'))).toBe(true);
  });

  it('a re-run updates a schema of another version; a user\'s file in the way is never replaced and nothing is written', () => {
    const repo = repoWith(WRITTEN_LINE);
    expect(shell('npx cdk8s-storage --write-schema', repo).status).toBe(0);
    const file = path.join(repo, 'schema', 'cluster-config.schema.json');
    const current = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, current.replace(`cdk8s-storage ${packageVersion()}:`, 'cdk8s-storage 0.0.9:').replace('"title"', '"x-old": true,\n  "title"'));
    const update = shell('npx cdk8s-storage clusters/demo.yaml --write-schema', repo);
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toContain(`wrote the editor schemas of cdk8s-storage ${packageVersion()}: schema/cluster-config.schema.json (updated); 2 already up to date`);
    expect(fs.readFileSync(file, 'utf8')).toBe(current);

    const mine = path.join(repo, 'schema', 'site.schema.json');
    fs.writeFileSync(mine, '{"$id": "https://example.com/my-site.schema.json"}\n');
    fs.rmSync(path.join(repo, 'schema', 'fleet.schema.json'));
    fs.writeFileSync(file, '{}');
    const refused = shell('npx cdk8s-storage --write-schema', repo);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('refusing to write the editor schemas: synth replaces only files it wrote, and these are not:\n'
      + '  schema/cluster-config.schema.json\n  schema/site.schema.json\nMove them away, or give another folder.\nnothing was written\n');
    expect(fs.readFileSync(mine, 'utf8')).toBe('{"$id": "https://example.com/my-site.schema.json"}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{}');
    expect(fs.existsSync(path.join(repo, 'schema', 'fleet.schema.json'))).toBe(false);

    const elsewhere = shell('npx cdk8s-storage clusters/demo.yaml --write-schema=editor', repo);
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
    expect(elsewhere.stdout).toContain('# yaml-language-server: $schema=../editor/cluster-config.schema.json');
    expect(fs.readdirSync(path.join(repo, 'editor')).sort()).toEqual(['cluster-config.schema.json', 'fleet.schema.json', 'site.schema.json']);
  });

  it('is a command of its own: with synth\'s options it is a usage error', () => {
    const run = shell('npx cdk8s-storage clusters/demo.yaml --write-schema --out dist', repoWith(undefined));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error: --write-schema only writes the editor schemas (give the folder as --write-schema=<dir>): drop --out');
  });
});

describe('synth warns when the modeline does not resolve to this version\'s schema', () => {
  it('the examples\' line copied into a repository without node_modules: one line at the modeline; following it silences it', () => {
    const repo = repoWith(EXAMPLE_LINE);
    const synth = shell('npx cdk8s-storage clusters/demo.yaml --out dist --quiet', repo);
    expect(synth.status, synth.stderr).toBe(0); // a warning, never an error: the output is written
    expect(fs.existsSync(path.join(repo, 'dist'))).toBe(true);
    const warnings = warningsOf(synth.stderr);
    expect(warnings).toEqual(['clusters/demo.yaml:1:1: warning: the editor schema ../schema/cluster-config.schema.json does not resolve from clusters/ '
      + '(no file schema/cluster-config.schema.json): run `npx cdk8s-storage clusters/demo.yaml --write-schema` and use `# yaml-language-server: $schema=../schema/cluster-config.schema.json`']);
    for (const extra of ['--check', '--diff']) expect(warningsOf(shell(`npx cdk8s-storage clusters/demo.yaml --out dist ${extra}`, repo).stderr)).toEqual(warnings);

    const { run } = advice(warnings[0]);
    expect(shell(run!, repo).status).toBe(0); // the command runs as printed
    const after = shell('npx cdk8s-storage clusters/demo.yaml --out dist --check', repo);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).toBe('');
  });

  it('a config outside the working directory: the advised schema folder is beside the config, and the advice runs as printed', () => {
    const repo = repoWith(EXAMPLE_LINE);
    const config = path.join(repo, 'clusters', 'demo.yaml');
    const elsewhere = tempDir('cdk8s-storage-elsewhere-');
    const synth = shell(`npx cdk8s-storage ${config} --out ${path.join(repo, 'dist')} --quiet`, elsewhere);
    expect(synth.status, synth.stderr).toBe(0);
    const warnings = warningsOf(synth.stderr);
    expect(warnings).toEqual([`${config}:1:1: warning: the editor schema ../schema/cluster-config.schema.json does not resolve from ${path.dirname(config)}/ `
      + `(no file ${path.join(repo, 'schema', 'cluster-config.schema.json')}): run \`npx cdk8s-storage ${config} --write-schema=${path.join(repo, 'clusters', 'schema')}\` `
      + 'and use `# yaml-language-server: $schema=./schema/cluster-config.schema.json`']);
    expect(shell(advice(warnings[0]).run!, elsewhere).status).toBe(0);
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^.*\n/, `${advice(warnings[0]).use}\n`));
    expect(shell(`npx cdk8s-storage ${config} --out ${path.join(repo, 'dist')} --quiet`, elsewhere).stderr).toBe('');
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('a schema of another version: named with both versions, and the re-run it advises updates it', () => {
    const repo = repoWith(WRITTEN_LINE);
    expect(shell('npx cdk8s-storage --write-schema', repo).status).toBe(0);
    const file = path.join(repo, 'schema', 'cluster-config.schema.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(`cdk8s-storage ${packageVersion()}:`, 'cdk8s-storage 0.0.9:'));
    const synth = shell('npx cdk8s-storage clusters/demo.yaml --out dist --quiet', repo);
    expect(synth.status).toBe(0);
    const warnings = warningsOf(synth.stderr);
    expect(warnings).toEqual([`clusters/demo.yaml:1:1: warning: the editor schema ../schema/cluster-config.schema.json is the schema of cdk8s-storage 0.0.9, and this is ${packageVersion()}: `
      + 'run `npx cdk8s-storage clusters/demo.yaml --write-schema` and use `# yaml-language-server: $schema=../schema/cluster-config.schema.json`']);
    expect(shell(advice(warnings[0]).run!, repo).status).toBe(0);
    expect(shell('npx cdk8s-storage clusters/demo.yaml --out dist --quiet', repo).stderr).toBe('');
  });

  it('with the package installed in the repository: the working line is the one into node_modules', () => {
    const repo = repoWith('# $schema: ../cluster-config.schema.json'); // the modeline's other form (modelineUtil.ts, isModeline)
    fs.mkdirSync(path.join(repo, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'cdk8s-storage'));
    const bin = path.join(repo, 'node_modules', 'cdk8s-storage', 'bin', 'cdk8s-storage.js');
    const synth = shell(`node ${bin} clusters/demo.yaml --out dist --quiet`, repo);
    const warnings = warningsOf(synth.stderr);
    expect(warnings).toEqual(['clusters/demo.yaml:1:1: warning: the editor schema ../cluster-config.schema.json does not resolve from clusters/ (no file cluster-config.schema.json): '
      + 'use `# yaml-language-server: $schema=../node_modules/cdk8s-storage/schema/cluster-config.schema.json`']);
    const config = path.join(repo, 'clusters', 'demo.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^.*\n/, `${advice(warnings[0]).use}\n`));
    expect(shell(`node ${bin} clusters/demo.yaml --out dist --quiet`, repo).stderr).toBe('');
  });

  it('the schema of another kind of file (a cluster config pointing at the fleet file\'s schema)', () => {
    const repo = repoWith('# yaml-language-server: $schema=../schema/fleet.schema.json');
    expect(shell('npx cdk8s-storage --write-schema', repo).status).toBe(0);
    expect(warningsOf(shell('npx cdk8s-storage clusters/demo.yaml --out dist --quiet', repo).stderr)).toEqual([
      'clusters/demo.yaml:1:1: warning: the editor schema ../schema/fleet.schema.json is the schema of a fleet file, not of a cluster config: '
        + 'use `# yaml-language-server: $schema=../schema/cluster-config.schema.json`']);
  });

  it('a fleet: each file whose line does not resolve, at its own line', () => {
    const repo = tempDir('cdk8s-storage-npx-fleet-');
    fs.cpSync(path.join(EXAMPLES, 'fleet'), path.join(repo, 'fleet'), { recursive: true });
    const synth = shell('npx cdk8s-storage fleet/fleet.yaml --quiet', repo);
    expect(synth.status, synth.stderr).toBe(0);
    expect(warningsOf(synth.stderr).map((w) => w.split(': warning')[0])).toEqual(['fleet/fleet.yaml:1:1', ...['eu-west-1', 'us-east-1', 'ap-south-1'].map((s) => `fleet/sites/${s}/site.yaml:1:1`)]);
    expect(warningsOf(synth.stderr)[1]).toContain('run `npx cdk8s-storage fleet/fleet.yaml --write-schema` and use `# yaml-language-server: $schema=../../../schema/site.schema.json`');
    expect(shell('npx cdk8s-storage fleet/fleet.yaml --write-schema', repo).status).toBe(0);
    for (const file of ['fleet/fleet.yaml', ...['eu-west-1', 'us-east-1', 'ap-south-1'].map((s) => `fleet/sites/${s}/site.yaml`)]) {
      const text = fs.readFileSync(path.join(repo, file), 'utf8');
      const kind = file.endsWith('fleet.yaml') ? 'fleet' : 'site';
      fs.writeFileSync(path.join(repo, file), text.replace(/^.*\n/, `# yaml-language-server: $schema=${path.relative(path.dirname(path.join(repo, file)), path.join(repo, 'schema', `${kind}.schema.json`))}\n`));
    }
    expect(shell('npx cdk8s-storage fleet/fleet.yaml --quiet', repo).stderr).toBe('');
  });

  it.each([
    ['no modeline', undefined],
    ['a modeline asking for no schema', '# yaml-language-server: $schema=none'],
    ['a URL (not fetched)', '# yaml-language-server: $schema=https://example.com/cluster-config.schema.json'],
    ['a schema that is not ours', '# yaml-language-server: $schema=../mine.json'],
  ])('no warning: %s', (_, modeline) => {
    const repo = repoWith(modeline);
    fs.writeFileSync(path.join(repo, 'mine.json'), '{"$id": "https://example.com/mine.json"}');
    const synth = shell('npx cdk8s-storage clusters/demo.yaml --out dist --quiet', repo);
    expect(synth.status, synth.stderr).toBe(0);
    expect(synth.stderr).toBe('');
  });

  it('no warning for the examples in this repository, nor for the built-in reference example', () => {
    const out = path.join(tempDir('cdk8s-storage-examples-'), 'dist');
    for (const args of [[path.join(EXAMPLES, 'minimal.yaml')], [path.join(EXAMPLES, 'operator.yaml')], []]) {
      const synth = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), ...args, '--out', out, '--diff'], { cwd: ROOT, encoding: 'utf8' });
      expect(synth.stderr, args.join(' ')).toBe('');
    }
  });
});

describe('the modeline as yaml-language-server finds it (modelineUtil.ts, getSchemaFromModeline)', () => {
  it.each([
    ['# yaml-language-server: $schema=a.json\nname: x\n', { ref: 'a.json', line: 1 }],
    ['# a comment\n\n#   $schema: b.json\nname: x\n', { ref: 'b.json', line: 3 }],
    ['#yaml-language-server: $schema=a.json\nname: x\n', undefined], // no space after '#': not a modeline
    ['name: x\n# yaml-language-server: $schema=a.json\n', undefined], // after the content: ignored
    ['# yaml-language-server: $schema=NONE\n', undefined],
    ['\uFEFF%YAML 1.2\n---\n  # yaml-language-server: $schema=c.json\nname: x\n', { ref: 'c.json', line: 3 }],
    ['# yaml-language-server: indent=2\n# yaml-language-server: $schema=a.json\n', undefined], // the first modeline counts
  ])('%j', (text, expected) => {
    expect(findModeline(text)).toEqual(expected);
  });
});
