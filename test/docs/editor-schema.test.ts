/**
 * The editor schema from a GitOps repository (issue 25, audit newcomer-2026-12-06 F7): the modeline
 * the README documents resolves, in a scratch repository using the installed package, to this
 * package's schema, and that schema checks the config. The resolution is the YAML language
 * server's (yaml-language-server 416ede2e, src/languageservice/services/yamlSchemaService.ts,
 * `resolveSchemaRef`): a ref starting with neither `file:` nor `http` is a path, an absolute one is
 * used as is, a relative one is `path.resolve(<the YAML file's folder>, ref)`; no node_modules lookup.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli';

/** The file a modeline's `$schema` names, as yaml-language-server resolves it for `yamlFile`. */
function resolveModeline(yamlFile: string): string | undefined {
  const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(yamlFile, 'utf8'))?.[1];
  if (ref === undefined || ref.startsWith('file:') || ref.startsWith('http')) return undefined;
  return path.isAbsolute(ref) ? ref : path.resolve(path.dirname(yamlFile), ref);
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const documented = /^# yaml-language-server: \$schema=\.\.\/node_modules\/cdk8s-storage\/\S+$/m.exec(readme)?.[0];

/** A GitOps repository with the package installed (node_modules/cdk8s-storage) and a config under clusters/. */
function gitopsRepo(modeline: string, body = fs.readFileSync(path.join(ROOT, 'examples', 'minimal.yaml'), 'utf8')): string {
  const repo = tempDir('cdk8s-storage-editor-');
  fs.mkdirSync(path.join(repo, 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'cdk8s-storage'));
  fs.mkdirSync(path.join(repo, 'clusters'));
  const file = path.join(repo, 'clusters', 'demo.yaml');
  fs.writeFileSync(file, `${modeline}\n${body.replace(/^# yaml-language-server:.*\n/m, '')}`);
  return file;
}

describe('the editor schema in a GitOps repository', () => {
  it('the README documents a modeline into the installed package', () => {
    expect(documented).toBeDefined();
  });

  it('resolves to the installed package\'s schema, which checks the config (a misspelt key is flagged)', () => {
    const file = gitopsRepo(documented!);
    const schemaFile = resolveModeline(file)!;
    expect(fs.realpathSync(schemaFile)).toBe(path.join(ROOT, 'schema', 'cluster-config.schema.json'));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    const config = YAML.parse(fs.readFileSync(file, 'utf8'));
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, nmae: 'x' })).toBe(false);
  });

  it('the examples\' modeline (../schema/) does not resolve there: it is for this repository only', () => {
    const file = gitopsRepo('# yaml-language-server: $schema=../schema/cluster-config.schema.json');
    expect(fs.existsSync(resolveModeline(file)!)).toBe(false);
  });
});
