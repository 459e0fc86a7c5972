/** `npm run schema`: writes schema/cluster-config.schema.json from the zod schema (a test keeps it current). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterConfigJsonSchemaText, JSON_SCHEMA_PATH } from '../lib/config/json-schema';

const file = path.resolve(__dirname, '..', JSON_SCHEMA_PATH);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, clusterConfigJsonSchemaText());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
