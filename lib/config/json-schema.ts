import * as z from 'zod';
import { clusterConfigSchema } from './schema';
import { fleetConfigSchema } from './fleet-schema';

/** Where the package ships the schema, relative to its root (editors point the modeline here). */
export const JSON_SCHEMA_PATH = 'schema/cluster-config.schema.json';

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
    $id: 'https://github.com/cdk8s-storage/cdk8s-storage/schema/cluster-config.schema.json',
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
  return { $schema, $id: 'https://github.com/cdk8s-storage/cdk8s-storage/schema/fleet.schema.json', title: 'cdk8s-storage fleet file', description, ...schema };
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
  return { ...schema, $id: 'https://github.com/cdk8s-storage/cdk8s-storage/schema/site.schema.json', title: 'cdk8s-storage fleet site (a partial cluster config)' };
}

/** A schema as the committed file holds it. */
export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
