/** Builds cluster configs through the real loader and generator, for the operator-mode tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import type { Manifest } from './schema';
import { synthConfig } from './synth';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

export function readExample(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES_DIR, name), 'utf8');
}

/** Config text → everything synth writes (files and objects). */
export const synthText = synthConfig;

/**
 * The same cluster description run by the operator: `ais.mode: operator`, without the
 * standalone-only initial primary (the operator makes proxy-0 primary) and, when AIS asks for
 * client certificates, with the operator's client certificate (`operator.clientCert`, which operator
 * mode requires then) from a ClusterIssuer `<name>-client-ca`.
 */
export function asOperatorMode(text: string): string {
  const doc = YAML.parseDocument(text);
  doc.setIn(['ais', 'mode'], 'operator');
  // the operator's pods set HOST_IPS from status.hostIPs: Kubernetes 1.29 (1.28 needs the PodHostIPs gate)
  if (['1.28', undefined].includes(doc.get('kubernetesVersion') as string | undefined) && !doc.hasIn(['kubernetesFeatureGates', 'PodHostIPs'])) {
    doc.set('kubernetesVersion', '1.29');
  }
  doc.deleteIn(['ais', 'proxies', 'initialPrimary']);
  // standalone-only: ais.operator.publicNetDNSMode says what the operator publishes
  doc.deleteIn(['ais', 'publicAddress']);
  // the operator's probes carry no client certificate: operator mode allows at most verifyIfGiven
  if (['requireAny', 'requireAndVerify'].includes(String(doc.getIn(['ais', 'tls', 'clientAuth'])))) doc.setIn(['ais', 'tls', 'clientAuth'], 'verifyIfGiven');
  const clientAuth = doc.getIn(['ais', 'tls', 'clientAuth']);
  if (clientAuth !== undefined && clientAuth !== 'none' && !doc.hasIn(['operator', 'clientCert'])) {
    doc.setIn(['operator', 'clientCert'], doc.createNode({ issuer: { name: `${doc.get('name')}-client-ca` } }));
  }
  return doc.toString();
}

export function only(manifests: readonly Manifest[], kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

export function ofKind(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

/** Names of the label-only Node objects that carry all of `selector`'s labels. */
export function nodesMatching(manifests: readonly Manifest[], selector: Record<string, string>): string[] {
  return ofKind(manifests, 'Node')
    .filter((node) => Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v))
    .map((node) => node.metadata.name)
    .sort();
}
