import * as z from 'zod';
import { clusterConfigSchema } from './schema';
import { fleetConfigSchema } from './fleet-schema';
import { packageVersion } from './package-root';

/** Where the package ships the schema, relative to its root (editors point the modeline here). */
export const JSON_SCHEMA_PATH = 'schema/cluster-config.schema.json';

/** The `$id` of a schema the package ships: what makes a schema file ours (lib/generator/editor-schema.ts). */
export const schemaId = (relative: string) => `https://github.com/cdk8s-storage/cdk8s-storage/${relative}`;

/**
 * The `$comment` that says which version of the package a schema belongs to (`cdk8s-storage 0.1.0 ...`):
 * synth warns when a config's modeline names another version's (lib/generator/editor-schema.ts).
 */
export const schemaVersionComment = (version: string = packageVersion()) =>
  `cdk8s-storage ${version}: the schema of this version (\`cdk8s-storage --write-schema\` writes it into a repository)`;

/** The package version a schema's `$comment` names, if it is one of ours. */
export const schemaVersionOf = (comment: unknown) => (typeof comment === 'string' ? /^cdk8s-storage (\S+):/.exec(comment)?.[1] : undefined);

/**
 * JSON Schema (draft 2020-12) of the cluster config file, generated from the one zod schema the
 * loader uses, so editors complete and check the same keys, defaults and patterns (and the rulebooks'
 * single-value limits, which the schema shows without enforcing). Cross-field rules (a gateway IP inside
 * its pool, distinct ports, ...) are the rulebooks' (docs/rulebooks.md), which the loader runs.
 */
export function clusterConfigJsonSchema(): Record<string, unknown> {
  const { $schema, description, ...schema } = z.toJSONSchema(clusterConfigSchema,
    { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema,
    $id: schemaId(JSON_SCHEMA_PATH),
    $comment: schemaVersionComment(),
    title: 'cdk8s-storage cluster config',
    description,
    ...schema,
  };
}

/** The schema as the committed file holds it. */
export function clusterConfigJsonSchemaText(): string {
  return `${JSON.stringify(clusterConfigJsonSchema(), null, 2)}\n`;
}

/** Where the package ships the fleet file's schema and the site overlay's. */
export const FLEET_SCHEMA_PATH = 'schema/fleet.schema.json';
export const SITE_SCHEMA_PATH = 'schema/site.schema.json';

/** JSON Schema of the fleet file (fleet.yaml); `defaults:` and each site's `config:` are checked as cluster configs once merged. */
export function fleetConfigJsonSchema(): Record<string, unknown> {
  const { $schema, description, ...schema } = z.toJSONSchema(fleetConfigSchema,
    { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, $id: schemaId(FLEET_SCHEMA_PATH), $comment: schemaVersionComment(), title: 'cdk8s-storage fleet file', description, ...schema };
}

/** Removes every `required` list: a site overlay (or the fleet's defaults) is a partial cluster config. */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'required').map(([key, value]) => [key, withoutRequired(value)]));
}

/**
 * JSON Schema of a site's overlay file: the cluster config's keys, none required (the merge with the fleet's defaults
 * must hold them; the loader checks the merged config). A `null` that removes a default is flagged by editors only.
 */
export function siteConfigJsonSchema(): Record<string, unknown> {
  const schema = withoutRequired(clusterConfigJsonSchema()) as Record<string, unknown>;
  return { ...schema, $id: schemaId(SITE_SCHEMA_PATH), title: 'cdk8s-storage fleet site (a partial cluster config)' };
}

/** A schema as the committed file holds it. */
export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
