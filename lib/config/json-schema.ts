import * as z from 'zod';
import { clusterConfigSchema } from './schema';

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
