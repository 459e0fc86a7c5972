import { clusterConfigJsonSchema, fleetConfigJsonSchema } from './json-schema';

/** Where `npm run schema` writes the reference, relative to the package root (a test keeps it current). */
export const CONFIG_REFERENCE_PATH = 'docs/config-reference.md';

/** The parts of JSON Schema that the generated cluster config schema uses. */
interface SchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  additionalProperties?: SchemaNode | boolean;
}

/** A mapping of the config file: its dotted path (`[]` for list items), its schema, and the object holding its keys. */
interface Section {
  path: string;
  node: SchemaNode;
  object: SchemaNode & { properties: Record<string, SchemaNode> };
}

/** Every mapping in the schema, depth first in schema order; list items are followed into. */
function collectSections(path: string, node: SchemaNode, out: Section[] = []): Section[] {
  if (node.items) return collectSections(`${path}[]`, node.items, out);
  const object = node.properties ? node : node.anyOf?.find((option) => option.properties);
  if (!object?.properties) return out;
  out.push({ path, node, object: object as Section['object'] });
  for (const [key, child] of Object.entries(object.properties)) collectSections(path ? `${path}.${key}` : key, child, out);
  return out;
}

const code = (text: string) => `\`${text}\``;

/** A value as it would be written in the YAML file: strings bare, the rest as JSON. */
function literal(value: unknown): string {
  return code(typeof value === 'string' && value !== '' ? value : JSON.stringify(value));
}

/** The type of a key in words: `a | b` for enums, `x or y` for unions, `{k1, k2}` for a mapping among alternatives. */
function typeName(node: SchemaNode): string {
  if (node.enum) return node.enum.map(literal).join(' | ');
  if (node.const !== undefined) return literal(node.const);
  if (node.anyOf) {
    const options = node.anyOf.map((option) => (option.properties ? `{${Object.keys(option.properties).join(', ')}}` : typeName(option)));
    return [...new Set(options)].join(' or ');
  }
  if (node.items) {
    const item = typeName(node.items);
    return `list of ${/ or | \| /.test(item) ? `(${item})` : item}`;
  }
  if (typeof node.additionalProperties === 'object') return `map of ${typeName(node.additionalProperties)}`;
  return Array.isArray(node.type) ? node.type.join(' or ') : node.type ?? 'any';
}

/** Text safe in a Markdown table cell: `|` escaped, and `<` outside code spans so `<name>` is not read as HTML. */
function cell(text: string): string {
  return text.split('`').map((part, index) => (index % 2 === 0 ? part.replace(/</g, '&lt;') : part)).join('`').replace(/\|/g, '\\|');
}

function sectionMarkdown({ path, node, object }: Section): string {
  const rows = Object.entries(object.properties).map(([key, child]) => {
    const required = object.required?.includes(key) ? ' (required)' : '';
    const defaultValue = child.default === undefined ? '' : literal(child.default);
    return `| ${code(path ? `${path}.${key}` : key)}${required} | ${cell(typeName(child))} | ${cell(defaultValue)} | ${cell(child.description ?? '')} |`;
  });
  return [
    `## ${path ? code(path) : 'Top level'}`,
    ...(path && node.description ? ['', cell(node.description)] : []),
    '',
    '| Key | Type | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * `docs/config-reference.md`: every key of the cluster config file with its type, default and
 * description, one table per mapping, generated from the JSON Schema (itself from the zod schema).
 */
export function configReferenceMarkdown(): string {
  const schema = clusterConfigJsonSchema() as SchemaNode;
  const intro = [
    '# Cluster config reference',
    '',
    `<!-- Generated from the zod schema in lib/config by \`npm run schema\`; do not edit. -->`,
    '',
    `${cell(schema.description ?? '')} Editors check and complete the file with the JSON Schema ${code('schema/cluster-config.schema.json')}.`,
    '',
    'Keys are dotted paths; `[]` stands for each item of a list. A key marked (required) must be given whenever its mapping is.',
    'Cross-field rules (for example a gateway IP inside its address pool) are checked when the config is loaded: the rulebooks of docs/rulebooks.md.',
  ].join('\n');
  const fleet = fleetConfigJsonSchema() as SchemaNode;
  const fleetIntro = [
    '# Fleet file (fleet.yaml)',
    '',
    `${cell(fleet.description ?? '')} Editors check it with ${code('schema/fleet.schema.json')}, and a site's file with ${code('schema/site.schema.json')} `
      + '(the keys above, none required). `defaults:` and each site\'s file are merged (mappings merge, lists and values replace, null removes a default) '
      + 'and the result is checked as a cluster config.',
  ].join('\n');
  const fleetSections = collectSections('', fleet).map((section) => sectionMarkdown(section).replace(/^## /, '### '));
  return `${[intro, ...collectSections('', schema).map(sectionMarkdown), fleetIntro, ...fleetSections].join('\n\n')}\n`;
}
