import * as z from 'zod';
import { GO_DURATION } from '../k8s/duration';
import {
  DNS_1123_LABEL, DNS_1123_SUBDOMAIN, LABEL_KEY_PATTERN, LABEL_VALUE_PATTERN, MAX_LABEL_LENGTH, MAX_SUBDOMAIN_LENGTH, labelValueProblem, qualifiedNameProblem,
} from '../k8s/names';
import { MAX_PORT, MIN_PORT } from '../k8s/ports';
import { QUANTITY_PATTERN, quantityValue } from '../k8s/quantity';

/*
 * The value types of the config file. Each format comes from lib/k8s, the module the rulebooks check
 * the same values with: the schema only parses and points at the key; every cross-field rule, derived
 * name and limit is a rule of a construct's rulebook (docs/rulebooks.md).
 */

export { DNS_1123_LABEL, DNS_1123_SUBDOMAIN };

type Context = z.core.$RefinementCtx<any>;

/** Reports a problem worded as a whole sentence (the loader prints it as is, at the path's position). */
export function fail(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { sentence: true }, input: undefined });
}

export const dnsLabel = z.string()
  .max(MAX_LABEL_LENGTH, `at most ${MAX_LABEL_LENGTH} characters (a DNS-1123 label)`)
  .regex(DNS_1123_LABEL, "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit");

export const dnsSubdomain = z.string()
  .max(MAX_SUBDOMAIN_LENGTH, `at most ${MAX_SUBDOMAIN_LENGTH} characters (a DNS-1123 subdomain)`)
  .regex(DNS_1123_SUBDOMAIN, "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'");

/** A Kubernetes node name. */
export const nodeName = dnsSubdomain;

export const absolutePath = z.string()
  .regex(/^\/[^\0]*$/, 'an absolute path (starting with /)')
  .refine((p) => p === '/' || !p.endsWith('/'), 'a path without a trailing /')
  .refine((p) => !p.split('/').some((part) => part === '.' || part === '..'), "a normalized path (no '.' or '..' parts)")
  .refine((p) => !p.includes('//'), "a normalized path (no '//')");

export const port = z.number().int('a whole number')
  .min(MIN_PORT, `a port from ${MIN_PORT} to ${MAX_PORT}`).max(MAX_PORT, `a port from ${MIN_PORT} to ${MAX_PORT}`);

export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const ipv4 = z.string().regex(IPV4, 'an IPv4 address such as 10.132.179.10');

/** Kubernetes resource quantity, e.g. 10Gi, 5.8Ti, 500m (parsed as lib/k8s/quantity.ts parses it). */
export const quantity = z.union([
  z.string().refine((q) => quantityValue(q) !== undefined, 'a Kubernetes quantity such as 10Gi or 500m').meta({ pattern: QUANTITY_PATTERN }),
  z.number().nonnegative(),
]).transform((q) => String(q));

/** Label key (optional DNS prefix + name), as lib/k8s/names.ts checks it. */
export const labelKey = z.string().superRefine((key, ctx) => {
  const problem = qualifiedNameProblem(key, 'label key');
  if (problem) fail(ctx, [], problem);
}).meta({ pattern: LABEL_KEY_PATTERN });
/** Label value, as lib/k8s/names.ts checks it. */
export const labelValue = z.string().superRefine((value, ctx) => {
  const problem = labelValueProblem(value);
  if (problem) fail(ctx, [], problem);
}).meta({ pattern: LABEL_VALUE_PATTERN });

/** A container image reference. Pinning (a tag other than latest, or a digest) is a rulebook rule. */
export const image = z.string().regex(/^[a-z0-9]+([._\-/:@a-zA-Z0-9]*)$/, 'a container image such as docker.io/aistorage/aisnode:v3.25');

/** A Go duration as cert-manager, the AIS operator and AIS read it (time.ParseDuration), e.g. 2160h, 90m, 1h30m. */
export const goDuration = z.string().regex(GO_DURATION, 'a duration such as 2160h, 90m or 1h30m');

