/**
 * `npm run schema`: writes schema/cluster-config.schema.json, schema/fleet.schema.json, schema/site.schema.json and docs/config-reference.md from the zod
 * schema (tests keep both current).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configReferenceMarkdown, CONFIG_REFERENCE_PATH } from '../lib/config/config-reference';
import {
  clusterConfigJsonSchemaText, FLEET_SCHEMA_PATH, fleetConfigJsonSchema, JSON_SCHEMA_PATH, schemaText, SITE_SCHEMA_PATH, siteConfigJsonSchema,
} from '../lib/config/json-schema';

for (const [relative, text] of [[JSON_SCHEMA_PATH, clusterConfigJsonSchemaText()], [FLEET_SCHEMA_PATH, schemaText(fleetConfigJsonSchema())],
  [SITE_SCHEMA_PATH, schemaText(siteConfigJsonSchema())], [CONFIG_REFERENCE_PATH, configReferenceMarkdown()]]) {
  const file = path.resolve(__dirname, '..', relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`wrote ${relative}`);
}
