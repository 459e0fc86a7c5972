import * as YAML from 'yaml';

/**
 * Fast YAML emission for Kubernetes manifests (JSON data: maps, lists, strings, numbers,
 * booleans, null), byte-identical to `YAML.stringify(value, { lineWidth: 0 })` — the format cdk8s
 * writes. The `yaml` library is general and slow on tens of thousands of objects; here the
 * structure is walked directly and only the rendering of each distinct scalar is delegated to
 * the library (and cached), so quoting and block-scalar rules stay exactly the library's.
 * test/output/yaml.test.ts checks the equivalence on every example and on tricky strings.
 */
const OPTIONS = { lineWidth: 0 } as const;

/** One scalar as the library renders it: a single line, or a block scalar header + body lines. */
interface RenderedScalar {
  readonly inline: string;
  /** block scalar body lines (each relative to the key's indentation + 2), when multi-line */
  readonly body?: readonly string[];
}

const scalarCache = new Map<string, RenderedScalar>();

/**
 * Strings the library always writes plain: DNS-label-like words (lowercase letter first, then
 * lowercase letters, digits, '-' and '.') that YAML cannot read as anything but a string. Object and
 * node names are most of the distinct strings in a large fleet, so they skip the library entirely.
 */
const ALWAYS_PLAIN = /^[a-z][a-z0-9.-]*[a-z0-9]$/;
const YAML_WORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);
/**
 * Also always plain: digits with two dots or more (IPv4 addresses, versions), which no YAML 1.2
 * core-schema number matches. A fleet has one LoadBalancer IP per target, each a distinct string.
 */
const DOTTED_NUMBERS = /^[0-9]+(?:\.[0-9]+){2,}$/;

/** Whether a string is written as it is (plain, on one line): then any such string can take its place in a text. */
export function isWrittenPlain(value: string): boolean {
  return ALWAYS_PLAIN.test(value) ? !YAML_WORDS.has(value.toLowerCase()) : DOTTED_NUMBERS.test(value);
}

function renderString(value: string): RenderedScalar {
  if (isWrittenPlain(value)) return { inline: value };
  let rendered = scalarCache.get(value);
  if (rendered === undefined) {
    const lines = YAML.stringify({ k: value }, OPTIONS).slice(0, -1).split('\n');
    const inline = lines[0].slice(3); // after "k: "
    rendered = lines.length === 1 ? { inline } : { inline, body: lines.slice(1).map((l) => l.slice(2)) };
    scalarCache.set(value, rendered);
  }
  return rendered;
}

function renderNumber(value: number): string {
  return Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 1e21
    ? String(value)
    : YAML.stringify(value, OPTIONS).slice(0, -1);
}

const keyCache = new Map<string, string>();

/** Thrown for a key the fast path does not render (multi-line); the document then goes through the library. */
class ComplexKey extends Error {}

function renderKey(key: string): string {
  let rendered = keyCache.get(key);
  if (rendered === undefined) {
    const text = YAML.stringify({ [key]: 0 }, OPTIONS);
    if (!text.endsWith(': 0\n') || text.indexOf('\n') !== text.length - 1) throw new ComplexKey(key);
    rendered = text.slice(0, -4);
    keyCache.set(key, rendered);
  }
  return rendered;
}

const SPACES = Array.from({ length: 64 }, (_, i) => ' '.repeat(i));
const pad = (n: number) => SPACES[n] ?? ' '.repeat(n);

function isEmptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (value !== null && typeof value === 'object') {
    for (const _ in value as object) return undefined;
    return '{}';
  }
  return undefined;
}

/** Appends a scalar (after "key:" or "- "), its block body indented under `indent`. */
function pushScalar(out: string[], value: unknown, indent: number): void {
  if (typeof value === 'string') {
    const rendered = renderString(value);
    out.push(rendered.inline, '\n');
    if (rendered.body) {
      const prefix = pad(indent + 2);
      for (const line of rendered.body) out.push(line === '' ? '' : prefix + line, '\n');
    }
  } else if (typeof value === 'number') {
    out.push(renderNumber(value), '\n');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false', '\n');
  } else if (value === null) {
    out.push('null', '\n');
  } else {
    throw new Error(`cannot write ${typeof value} as YAML`);
  }
}

function pushMap(out: string[], map: Record<string, unknown>, indent: number, firstInline: boolean): void {
  let first = firstInline;
  for (const key in map) {
    const value = map[key];
    if (value === undefined) continue;
    if (!first) out.push(pad(indent));
    first = false;
    out.push(renderKey(key), ':');
    pushValue(out, value, indent);
  }
}

function pushSeq(out: string[], list: readonly unknown[], indent: number, firstInline: boolean): void {
  let first = firstInline;
  for (const item of list) {
    if (!first) out.push(pad(indent));
    first = false;
    out.push('- ');
    const empty = isEmptyCollection(item);
    if (empty) out.push(empty, '\n');
    else if (Array.isArray(item)) pushSeq(out, item, indent + 2, true);
    else if (item !== null && typeof item === 'object') pushMap(out, item as Record<string, unknown>, indent + 2, true);
    else pushScalar(out, item, indent);
  }
}

/** Appends the value of a map key (the key and ':' are already written). */
function pushValue(out: string[], value: unknown, indent: number): void {
  const empty = isEmptyCollection(value);
  if (empty) {
    out.push(' ', empty, '\n');
  } else if (Array.isArray(value)) {
    out.push('\n');
    pushSeq(out, value, indent + 2, false);
  } else if (value !== null && typeof value === 'object') {
    out.push('\n');
    pushMap(out, value as Record<string, unknown>, indent + 2, false);
  } else {
    out.push(' ');
    pushScalar(out, value, indent);
  }
}

/** One manifest (a non-empty map) as a YAML document. */
export function toYaml(manifest: Record<string, unknown>): string {
  const out: string[] = [];
  try {
    pushMap(out, manifest, 0, true);
  } catch (error) {
    if (error instanceof ComplexKey) return YAML.stringify(manifest, OPTIONS);
    throw error;
  }
  return out.join('');
}

/**
 * Serializes manifests as a multi-document YAML stream, the way cdk8s does
 * (no line folding), so the same objects always give the same bytes.
 */
export function toYamlStream(manifests: readonly Record<string, unknown>[]): string {
  return manifests.map(toYaml).join('---\n');
}
