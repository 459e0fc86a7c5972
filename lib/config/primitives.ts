import { z } from 'zod';
import { DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../k8s/names';

export { DNS_1123_LABEL, DNS_1123_SUBDOMAIN };

export const dnsLabel = z.string()
  .max(63, 'at most 63 characters (a DNS-1123 label)')
  .regex(DNS_1123_LABEL, "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit");

export const dnsSubdomain = z.string()
  .max(253, 'at most 253 characters (a DNS-1123 subdomain)')
  .regex(DNS_1123_SUBDOMAIN, "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'");

/** A Kubernetes node name. */
export const nodeName = dnsSubdomain;

export const absolutePath = z.string()
  .regex(/^\/[^\0]*$/, 'an absolute path (starting with /)')
  .refine((p) => p === '/' || !p.endsWith('/'), 'a path without a trailing /')
  .refine((p) => !p.split('/').some((part) => part === '.' || part === '..'), "a normalized path (no '.' or '..' parts)")
  .refine((p) => !p.includes('//'), "a normalized path (no '//')");

export const port = z.number().int('a whole number').min(1, 'a port from 1 to 65535').max(65535, 'a port from 1 to 65535');

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const ipv4 = z.string().regex(IPV4, 'an IPv4 address such as 10.132.179.10');

/** Kubernetes resource quantity, e.g. 10Gi, 5.8Ti, 500m. */
export const quantity = z.union([
  z.string().regex(/^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?[0-9]+)?$/, 'a Kubernetes quantity such as 10Gi or 500m'),
  z.number().nonnegative(),
]).transform((q) => String(q));

/** Label key (optional DNS prefix + name). */
export const labelKey = z.string().regex(
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
  'a Kubernetes label key such as nvidia.com/ais-target',
);
export const labelValue = z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, 'a Kubernetes label value (at most 63 characters)');

/** A container image reference. Pinning (a tag other than latest, or a digest) is checked separately. */
export const image = z.string().regex(/^[a-z0-9]+([._\-/:@a-zA-Z0-9]*)$/, 'a container image such as docker.io/aistorage/aisnode:v3.25');

export { isPinnedImage } from '../k8s/images';
