import { describe, expect, it } from 'vitest';
import { configProblems, editConfig } from '../support/config-problems';

/** A valid cluster with HTTPS; each case changes one thing. Line numbers are 1-based. */
const VALID = `name: demo
namespace: ais
ais:
  proxies: { nodes: [n1] }
  targets: { nodes: [n1], mountpaths: [/ais/sda] }
  network: { nodes: { n1: 10.0.0.1 } }
  tls:
    certManager:
      issuer: { name: ca-issuer }
      duration: 2160h
    clientAuth: none
  cloud:
    awsSecretName: aws-creds
`;

const replace = (from: string, to: string) => editConfig(VALID, from, to);

const problems = (text: string) => configProblems(text);

const CASES: Array<{ name: string; text: string; expected: string }> = [
  { name: 'issuer kind outside the two cert-manager kinds',
    text: replace('{ name: ca-issuer }', '{ name: ca-issuer, kind: VaultIssuer }'),
    expected: 'cluster.yaml:9:40: ais.tls.certManager.issuer.kind: expected one of "ClusterIssuer" | "Issuer", got "VaultIssuer"' },
  { name: 'misspelt TLS mode suggests the key',
    text: replace('    certManager:', '    certmanager:'),
    expected: 'cluster.yaml:8:5: ais.tls.certmanager: unknown key `certmanager`; did you mean `certManager`?' },
  { name: 'unknown client auth mode lists the modes',
    text: replace('clientAuth: none', 'clientAuth: mutual'),
    expected: 'cluster.yaml:11:17: ais.tls.clientAuth: expected one of "none" | "request" | "requireAny" | "verifyIfGiven" | "requireAndVerify", got "mutual"' },
  { name: 'extra SANs for an existing secret',
    text: replace('    certManager:\n      issuer: { name: ca-issuer }\n      duration: 2160h\n', '    existingSecret: ais-tls\n    dnsNames: [ais.example.com]\n'),
    expected: 'cluster.yaml:9:15: ais.tls.dnsNames: dnsNames apply to certificates cert-manager issues; the existing secret ais-tls has its own' },
  { name: 'an IP SAN that is not an IP',
    text: replace('    clientAuth: none', '    ipAddresses: [10.0.0.300]\n    clientAuth: none'),
    expected: 'cluster.yaml:11:19: ais.tls.ipAddresses[0]: expected an IPv4 address such as 10.132.179.10, got "10.0.0.300"' },
  { name: 'a secret name that is not a Kubernetes name',
    text: replace('awsSecretName: aws-creds', 'awsSecretName: AWS_Creds'),
    expected: 'cluster.yaml:13:20: ais.cloud.awsSecretName: expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "AWS_Creds"' },
  { name: 'unknown cloud key lists the known ones',
    text: replace('awsSecretName', 'awsSecret'),
    expected: 'cluster.yaml:13:5: ais.cloud.awsSecret: unknown key `awsSecret`; expected one of: awsSecretName, gcpSecretName, ociSecretName' },
];

/*
 * What the schema itself refuses in these sections (types, enums, unknown keys, the TLS keys no prop has). The
 * rules of the AIS rulebook on the same keys (one certificate source, issuer or selfSigned, cert-manager's
 * lifetimes, tracing, ExternalSecrets, the budget) are tested on both paths from its case table: test/ais/cluster-checks.test.ts.
 */
describe('bad TLS, credential and hardening config: precise errors through the real loader', () => {
  it('the base config is valid', () => {
    expect(problems(VALID)).toEqual([]);
  });

  it.each(CASES)('$name', ({ text, expected }) => {
    expect(problems(text)).toContain(expected);
  });
});
