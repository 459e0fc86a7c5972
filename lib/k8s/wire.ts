import { k8s } from 'cdk8s-plus-28';

/**
 * A cdk8s-plus `k8s.*` props type in wire format, for objects built as plain cdk8s `ApiObject`s
 * (no cdk8s-plus converters on every rendering: the objects made once per target or per disk of a
 * large fleet). Quantities and IntOrStrings are plain values ('10Ti', 8080). Field names
 * stay cdk8s-plus's camelCase, so use it only with fields whose camelCase name is the wire name
 * (`Pick` them; add a renamed field such as `loadBalancerIP` by hand); a misspelt or unknown
 * field stays a compile error. test/perf-equivalence.test.ts checks that each such object renders
 * the same bytes as the `k8s.Kube*` object with the same props.
 */
export type Wire<T> = T extends k8s.Quantity | k8s.IntOrString ? number | string
  : T extends readonly (infer U)[] ? Wire<U>[]
  : T extends object ? { readonly [K in keyof T]: Wire<T[K]> }
  : T;
