/**
 * Renders an ApplicationSet template the way the ApplicationSet controller does for the only template syntax we
 * emit: `{{.a.b}}` placeholders in string fields, with `missingkey=error` (argo-cd 37ee009
 * applicationset/utils/utils.go RenderTemplateParams, Go text/template over the generator's parameters: the
 * Git files generator's are the descriptor's JSON, argo-cd docs/operator-manual/applicationset/Generators-Git.md).
 * Anything else between `{{` and `}}` throws, so a richer template needs a better renderer here.
 */
const PLACEHOLDER = /\{\{\s*\.([A-Za-z_][\w.]*)\s*\}\}/g;

/** The keys (`a.b`) a template references. */
export function templateKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') for (const match of node.matchAll(PLACEHOLDER)) keys.add(match[1]);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
  return keys;
}

function lookup(params: unknown, key: string): string {
  let node: any = params;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) throw new Error(`map has no entry for key "${part}" (missingkey=error): .${key}`);
    node = node[part];
  }
  if (typeof node !== 'string') throw new Error(`.${key} is not a string`);
  return node;
}

/** The template with every placeholder replaced by the descriptor's value. */
export function renderTemplate<T>(template: T, params: unknown): T {
  const render = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const rendered = node.replace(PLACEHOLDER, (_, key: string) => lookup(params, key));
      if (rendered.includes('{{')) throw new Error(`unsupported template syntax in ${JSON.stringify(node)}`);
      return rendered;
    }
    if (Array.isArray(node)) return node.map(render);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, render(v)]));
    return node;
  };
  return render(template) as T;
}

/** Every key path of a JSON value's leaves (`destination.name`). */
export function leafKeys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}
