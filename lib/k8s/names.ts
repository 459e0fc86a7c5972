/**
 * Kubernetes 1.28 API-server rules for names, label keys/values and annotation keys, as
 * k8s.io/apimachinery/pkg/util/validation/validation.go states them (IsDNS1123Label,
 * IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName, IsValidLabelValue). Each function returns
 * what is wrong, or undefined when the value passes.
 */

/** RFC 1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric. */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: dot-separated RFC 1123 labels. */
export const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** RFC 1035 label: an RFC 1123 label that starts with a letter. */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const MAX_LABEL_LENGTH = 63;

/**
 * Label keys and values as JSON Schema patterns, for the editor schema: what {@link qualifiedNameProblem} and
 * {@link labelValueProblem} accept (names of at most 63 characters; a key's prefix is a DNS-1123 subdomain).
 */
export const LABEL_KEY_PATTERN = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
export const LABEL_VALUE_PATTERN = '^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$';
export const MAX_SUBDOMAIN_LENGTH = 253;
/**
 * Longest StatefulSet name whose pods get a valid `controller-revision-hash` label
 * (`<name>-<hash>`, at most 63 characters): longer names never get pods (kubernetes/kubernetes#64023).
 */
export const MAX_STATEFULSET_NAME_LENGTH = 52;

/** A value short enough for a message: its first `max` characters and its length when cut. */
export function clip(value: string, max = 60): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

function tooLong(what: string, value: string, max: number): string | undefined {
  return value.length > max ? `${what} ${value.length > 80 ? `${value.slice(0, 80)}…` : value} is ${value.length} characters; at most ${max}` : undefined;
}

export function dns1123LabelProblem(value: string, what = 'name'): string | undefined {
  return tooLong(what, value, MAX_LABEL_LENGTH) ?? (DNS_1123_LABEL.test(value) ? undefined
    : `${what} ${JSON.stringify(clip(value))} is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`);
}

export function dns1123SubdomainProblem(value: string, what = 'name'): string | undefined {
  return tooLong(what, value, MAX_SUBDOMAIN_LENGTH) ?? (DNS_1123_SUBDOMAIN.test(value) ? undefined
    : `${what} ${JSON.stringify(clip(value))} is not a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'`);
}

export function dns1035LabelProblem(value: string, what = 'name'): string | undefined {
  return tooLong(what, value, MAX_LABEL_LENGTH) ?? (DNS_1035_LABEL.test(value) ? undefined
    : `${what} ${JSON.stringify(clip(value))} is not a DNS-1035 label: it must start with a lowercase letter, then lowercase letters, digits and '-', ending with a letter or digit`);
}

/** A label key or annotation key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function qualifiedNameProblem(key: string, what = 'key'): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined) {
    const problem = dns1123SubdomainProblem(prefix, `${what} prefix`);
    if (problem) return problem;
  }
  if (name.length === 0) return `${what} ${JSON.stringify(clip(key))} has an empty name part`;
  if (name.length > MAX_LABEL_LENGTH) return `${what} ${clip(key)}: the name part after the prefix is ${name.length} characters; at most ${MAX_LABEL_LENGTH}`;
  return QUALIFIED_NAME_PART.test(name) ? undefined
    : `${what} ${JSON.stringify(clip(key))} is not a qualified name: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, with an optional DNS-subdomain prefix and '/'`;
}

export function labelValueProblem(value: string, what = 'label value'): string | undefined {
  return tooLong(what, value, MAX_LABEL_LENGTH) ?? (LABEL_VALUE.test(value) ? undefined
    : `${what} ${JSON.stringify(clip(value))} is not a valid label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit`);
}

/**
 * The longest name an object of `kind` may have (see {@link objectNameProblem}); `label value` for a
 * name used as a label value.
 */
export function maxNameLength(kind: string): number {
  switch (kind) {
    case 'Service': case 'Namespace': case 'label value': return MAX_LABEL_LENGTH;
    case 'StatefulSet': return MAX_STATEFULSET_NAME_LENGTH;
    default: return MAX_SUBDOMAIN_LENGTH;
  }
}

/** What is wrong with `name` as an object name of `kind`, or as a label value (`label value`). */
export function derivedNameProblem(kind: string, name: string): string | undefined {
  return kind === 'label value' ? labelValueProblem(name) : objectNameProblem(kind, name);
}

/**
 * The rule an object's name must follow, by kind: Services need DNS-1035 labels (their names
 * become DNS names and environment variables), Namespaces DNS-1123 labels, StatefulSets subdomains
 * of at most {@link MAX_STATEFULSET_NAME_LENGTH}, everything else we emit a DNS-1123 subdomain.
 */
export function objectNameProblem(kind: string, name: string): string | undefined {
  const what = `${kind} name`;
  switch (kind) {
    case 'Service':
      return dns1035LabelProblem(name, what);
    case 'Namespace':
      return dns1123LabelProblem(name, what);
    case 'StatefulSet':
      return (name.length > maxNameLength(kind)
        ? `${what} ${clip(name)} is ${name.length} characters; at most ${maxNameLength(kind)}, or its pods never start `
          + '(their controller-revision-hash label <name>-<hash> must fit in 63, kubernetes/kubernetes#64023)'
        : undefined) ?? dns1123SubdomainProblem(name, what);
    default:
      return dns1123SubdomainProblem(name, what);
  }
}
