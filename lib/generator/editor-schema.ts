import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigProblem } from '../config/errors';
import { FLEET_SCHEMA_PATH, JSON_SCHEMA_PATH, SITE_SCHEMA_PATH, schemaId, schemaVersionOf } from '../config/json-schema';
import { isMapping, parseYamlSource, readConfigFile } from '../config/load';
import { packageRoot, packageVersion } from '../config/package-root';
import { defaultSiteFile } from '../gitops/defaults';
import { isWithin, writeSelfOwnedFiles } from '../output/ownership';
import { Invocation, commandLine } from './invocation';

/**
 * The editor schema of a config (issue 25 item 3): the YAML language server (VS Code's YAML extension and others)
 * checks and completes a config against the JSON schema its modeline names. In a GitOps repository run with
 * `npx cdk8s-storage` there is no node_modules to point at, so `--write-schema` writes the schemas into the
 * repository (files that say they are ours by their `$id`, replaced only then) and prints the exact line for the
 * config; and every synth warns when a config's modeline names a schema that is missing or of another version.
 */

/** The kinds of YAML file synth reads, and the schema (in the package) each one's modeline names. */
export type SchemaKind = 'cluster config' | 'fleet file' | 'site file';
const SCHEMA_PATHS: Readonly<Record<SchemaKind, string>> = {
  'cluster config': JSON_SCHEMA_PATH, 'fleet file': FLEET_SCHEMA_PATH, 'site file': SITE_SCHEMA_PATH,
};

/**
 * Where `--write-schema` writes when given no folder: `schema/` of the working directory (run it at the root of the
 * repository), the package's own layout, so the examples' `../schema/…` line works for a config one folder down.
 */
export const DEFAULT_SCHEMA_DIR = 'schema';

/** A modeline's schema reference and its 1-based line. */
export interface Modeline {
  readonly ref: string;
  readonly line: number;
}

/**
 * The schema a YAML file's modeline names, as yaml-language-server reads it (416ede2e,
 * src/languageservice/services/modelineUtil.ts, `isModeline` and `getSchemaFromModeline`): among the comments before
 * the document's content, the first `# yaml-language-server: …` or `# $schema: …` comment; its `$schema=<ref>` (or
 * `$schema: <ref>`). `none` (no schema wanted), or a modeline without `$schema`, is no reference.
 */
export function findModeline(text: string): Modeline | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // yamlParser07.ts `getDocumentHeaderComments`: comments before the document's content, past blank lines,
    // directives, a byte-order mark and the `---` that starts it
    const line = lines[i].replace(/\r$/, '').replace(/^\uFEFF/, '').trimStart();
    if (line === '' || line === '---' || line.startsWith('%')) continue;
    if (!line.startsWith('#')) return undefined; // the header comments end where the content starts
    if (!/^#\s+(?:yaml-language-server\s*:|\$schema:)/.test(line)) continue;
    const ref = /\$schema(?:=|:[^\S\r\n]*)(\S+)/.exec(line)?.[1];
    return ref === undefined || ref.trim().toLowerCase() === 'none' ? undefined : { ref, line: i + 1 };
  }
  return undefined;
}

/**
 * The file a modeline's reference names, as yaml-language-server resolves it (yamlSchemaService.ts,
 * `resolveSchemaRef`): `file:` URLs as they are, any other non-`http` reference a path, a relative one against the
 * folder of the YAML file (no node_modules lookup), without a `#fragment`. A URL: undefined (not checked, no network).
 */
export function resolveModeline(yamlFile: string, ref: string): string | undefined {
  if (ref.startsWith('http')) return undefined;
  if (ref.startsWith('file:')) {
    try {
      return fileURLToPath(ref);
    } catch {
      return undefined;
    }
  }
  const file = ref.indexOf('#') > 0 ? ref.slice(0, ref.indexOf('#')) : ref;
  return path.isAbsolute(file) ? file : path.resolve(path.dirname(path.resolve(yamlFile)), file);
}

/** What a schema file is: missing, not ours, or ours for a kind of file and a package version. */
type SchemaFile = { readonly state: 'missing' | 'foreign' } | { readonly state: 'ours'; readonly kind: SchemaKind; readonly version?: string };

/**
 * Our schema's kind, from its `$id`, with the version its `$comment` names; undefined when the text is not one of our
 * schemas. Read from the head of the file, as `npm run schema` and `--write-schema` write it (`$schema`, `$id`, then
 * `$comment` first): a synth reads no more of it than that.
 */
function ownSchema(text: string): { kind: SchemaKind; version?: string } | undefined {
  const head = /^\{\s*"\$schema":\s*"[^"]*",\s*"\$id":\s*"([^"]*)"(?:,\s*"\$comment":\s*("(?:[^"\\]|\\.)*"))?/.exec(text);
  const kind = head && (Object.keys(SCHEMA_PATHS) as SchemaKind[]).find((k) => head[1] === schemaId(SCHEMA_PATHS[k]));
  return kind ? { kind, version: head[2] === undefined ? undefined : schemaVersionOf(JSON.parse(head[2])) } : undefined;
}

/** The first bytes of a file: enough for {@link ownSchema}. */
function headOf(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    return buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function inspectSchema(file: string): SchemaFile {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return { state: 'missing' };
  const own = ownSchema(headOf(file));
  return own ? { state: 'ours', ...own } : { state: 'foreign' };
}

const isCurrent = (file: SchemaFile, kind: SchemaKind) => file.state === 'ours' && file.kind === kind && file.version === packageVersion();

/** The modeline of `yamlFile` naming `schemaFile`, by a path relative to the YAML file's folder. */
export function modelineFor(yamlFile: string, schemaFile: string): string {
  const relative = path.relative(path.dirname(path.resolve(yamlFile)), path.resolve(schemaFile)).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${relative.startsWith('../') ? relative : `./${relative}`}`;
}

/**
 * Where `--write-schema` puts the schemas for a config the user gives synth, as a warning advises it: schema/ of the
 * working directory (the default) when the config lies in it, else schema/ beside the config.
 */
function adviseDir(config: string): string {
  const dir = path.dirname(path.resolve(config));
  return isWithin(dir, process.cwd()) ? DEFAULT_SCHEMA_DIR : path.join(shown(dir), DEFAULT_SCHEMA_DIR);
}

/**
 * A schema of this version that a modeline of `yamlFile` (of `config`, the file the user gave synth) can name: the
 * installed package's (node_modules/cdk8s-storage in the file's folder or one above it), this package's when the file
 * lies inside it (the clone), or a copy `--write-schema` wrote where a warning advises it.
 */
function workingSchema(yamlFile: string, kind: SchemaKind, config: string): string | undefined {
  const dir = path.dirname(path.resolve(yamlFile));
  const candidates: string[] = [];
  for (let above = dir; ; above = path.dirname(above)) {
    candidates.push(path.join(above, 'node_modules', 'cdk8s-storage', SCHEMA_PATHS[kind]));
    if (above === path.dirname(above)) break;
  }
  if (isWithin(dir, packageRoot())) candidates.push(path.join(packageRoot(), SCHEMA_PATHS[kind]));
  candidates.push(writtenSchema(adviseDir(config), kind));
  return candidates.find((file) => isCurrent(inspectSchema(file), kind));
}

/** Where `--write-schema` puts the schema of `kind` in `dir`. */
const writtenSchema = (dir: string, kind: SchemaKind) => path.resolve(dir, path.basename(SCHEMA_PATHS[kind]));

const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file).split(path.sep).join('/');
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
};

/**
 * The warning for a YAML file whose modeline names a schema that is missing or not this version's one for its kind
 * (one line, at the modeline's line, with the line that works, or the command that writes the schema and its line);
 * undefined when the modeline resolves to this version's schema, names a URL or another schema, or there is none.
 * `file` as the user gave it (or as the loader shows it); `config`: the config the user gave synth (for the command).
 */
export function editorSchemaWarning(file: string, kind: SchemaKind, config: string, invocation: Invocation): ConfigProblem | undefined {
  const modeline = findModeline(readConfigFile(file));
  if (!modeline) return undefined;
  const target = resolveModeline(file, modeline.ref);
  if (target === undefined) return undefined;
  const found = inspectSchema(target);
  let problem: string;
  if (found.state === 'missing') problem = `does not resolve from ${shown(path.dirname(path.resolve(file)))}/ (no file ${shown(target)})`;
  else if (found.state !== 'ours' || isCurrent(found, kind)) return undefined;
  else if (found.kind !== kind) problem = `is the schema of a ${found.kind}, not of a ${kind}`;
  else problem = `is the schema of ${found.version ? `cdk8s-storage ${found.version}` : 'an earlier cdk8s-storage'}, and this is ${packageVersion()}`;
  const working = workingSchema(file, kind, config);
  const dir = adviseDir(config);
  const write = commandLine(invocation, [config, dir === DEFAULT_SCHEMA_DIR ? '--write-schema' : `--write-schema=${dir}`]);
  const fix = working ? `use \`${modelineFor(file, working)}\`` : `run \`${write}\` and use \`${modelineFor(file, writtenSchema(dir, kind))}\``;
  return { file, line: modeline.line, column: 1, path: '', message: `warning: the editor schema ${modeline.ref} ${problem}: ${fix}` };
}

/**
 * The YAML files of a config that name a schema of their own: a cluster config; a fleet file and its sites' overlay
 * files that exist (read without checking them: `--write-schema` helps write a config that does not load yet).
 */
function schemaFiles(config: string, isFleet: boolean): Array<[string, SchemaKind]> {
  if (!isFleet) return [[config, 'cluster config']];
  const value = parseYamlSource(readConfigFile(config), config).value as { sites?: unknown };
  const root = path.dirname(path.resolve(config));
  const sites = Array.isArray(value.sites) ? value.sites.filter(isMapping) : [];
  const overlays = sites.filter((site) => site.config === undefined && (typeof site.file === 'string' || typeof site.name === 'string'))
    .map((site) => path.resolve(root, typeof site.file === 'string' ? site.file : defaultSiteFile(String(site.name))))
    .filter((file) => fs.existsSync(file));
  return [[config, 'fleet file'], ...overlays.map((file): [string, SchemaKind] => [shown(file), 'site file'])];
}

/** The editor-schema warnings of a config the user gave synth (a fleet file: its sites' files too). */
export function editorSchemaWarnings(config: string, isFleet: boolean, invocation: Invocation): ConfigProblem[] {
  return schemaFiles(config, isFleet).flatMap(([file, kind]) => editorSchemaWarning(file, kind, config, invocation) ?? []);
}

/**
 * `--write-schema[=<dir>]`: writes the package's three schemas into `dir` (default schema/), adding or updating only
 * files that are ours (a file of another version is ours and is updated; anything else in the way refuses the run,
 * lib/output/ownership.ts), and returns the report: what it wrote and, for `config` (a cluster config, or a fleet
 * file and its sites' files), the exact modeline of each file.
 */
export function writeEditorSchemas(dir: string, config: string | undefined, isFleet: boolean): string {
  const targets = config === undefined ? [] : schemaFiles(config, isFleet).map(([file, kind]) => ({ file, kind, modeline: findModeline(readConfigFile(file)) }));
  const kinds = Object.keys(SCHEMA_PATHS) as SchemaKind[];
  const files = new Map(kinds.map((kind) => [path.join(dir, path.basename(SCHEMA_PATHS[kind])),
    fs.readFileSync(path.join(packageRoot(), SCHEMA_PATHS[kind]), 'utf8')]));
  const done = writeSelfOwnedFiles('the editor schemas', files, (text) => ownSchema(text) !== undefined);
  const changed = [...done].filter(([, what]) => what !== 'unchanged');
  const lines = [changed.length
    ? `wrote the editor schemas of cdk8s-storage ${packageVersion()}: ${changed.map(([file, what]) => `${shown(path.resolve(file))} (${what})`).join(', ')}`
      + `${changed.length < done.size ? `; ${done.size - changed.length} already up to date` : ''}`
    : `the editor schemas of cdk8s-storage ${packageVersion()} in ${shown(path.resolve(dir))}/ are up to date`];
  for (const { file, kind, modeline } of targets) {
    lines.push(modeline && resolveModeline(file, modeline.ref) === writtenSchema(dir, kind)
      ? `${file}: line ${modeline.line} already names it`
      : `Put this line at the top of ${file} (editors then complete and check it):\n${modelineFor(file, writtenSchema(dir, kind))}`);
  }
  if (config === undefined) {
    lines.push(`Put this line at the top of a cluster config in ${shown(process.cwd())}/ (one ../ more per folder below it; `
      + 'give the config or fleet file with --write-schema for its exact line):\n'
      + modelineFor(path.join(process.cwd(), 'cluster.yaml'), writtenSchema(dir, 'cluster config')));
  }
  lines.push('Run it again after upgrading cdk8s-storage: synth warns when a modeline names another version\'s schema.');
  return lines.join('\n');
}
