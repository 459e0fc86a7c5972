import { describe, expect, it } from 'vitest';
import { configProblems, editConfig } from './support/config-problems';

/** A valid cluster with HTTPS; each case changes one thing. Line numbers are 1-based. */
const VALID = `name: demo
namespace: ais
ais:
  proxies: { nodes: [n1] }
  targets: { nodes: [n1], mountpaths: [/ais/sda] }
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
  { name: 'two certificate sources',
    text: replace('    clientAuth: none', '    existingSecret: ais-tls\n    clientAuth: none'),
    expected: 'cluster.yaml:10:21: ais.tls.existingSecret: tls.certManager and tls.existingSecret are alternatives; keep one' },
  { name: 'no certificate source',
    text: replace('    certManager:\n      issuer: { name: ca-issuer }\n      duration: 2160h\n', ''),
    expected: 'cluster.yaml:7:5: ais.tls: choose where the certificate comes from: tls.certManager (cert-manager issues it) or tls.existingSecret (an existing TLS Secret)' },
  { name: 'cert-manager without an issuer',
    text: replace('      issuer: { name: ca-issuer }\n', ''),
    expected: 'cluster.yaml:8:7: ais.tls.certManager: name the cert-manager issuer ({issuer: {name, kind}}) or opt in to a self-signed CA (selfSigned: true)' },
  { name: 'an issuer and selfSigned',
    text: replace('      duration: 2160h', '      duration: 2160h\n      selfSigned: true'),
    expected: 'cluster.yaml:10:19: ais.tls.certManager.selfSigned: selfSigned creates its own issuer; remove it or the issuer' },
  { name: 'renewBefore not shorter than duration',
    text: replace('      duration: 2160h', '      duration: 2160h\n      renewBefore: 2400h'),
    expected: 'cluster.yaml:10:20: ais.tls.certManager.renewBefore: renewBefore 2400h must be shorter than duration 2160h' },
  { name: 'a duration that is not a Go duration',
    text: replace('duration: 2160h', 'duration: 90d'),
    expected: 'cluster.yaml:9:17: ais.tls.certManager.duration: expected a duration such as 2160h, 90m or 1h30m, got "90d"' },
  { name: 'issuer kind outside the two cert-manager kinds',
    text: replace('{ name: ca-issuer }', '{ name: ca-issuer, kind: VaultIssuer }'),
    expected: 'cluster.yaml:8:40: ais.tls.certManager.issuer.kind: expected one of "ClusterIssuer" | "Issuer", got "VaultIssuer"' },
  { name: 'misspelt TLS mode suggests the key',
    text: replace('    certManager:', '    certmanager:'),
    expected: 'cluster.yaml:7:5: ais.tls.certmanager: unknown key `certmanager`; did you mean `certManager`?' },
  { name: 'unknown client auth mode lists the modes',
    text: replace('clientAuth: none', 'clientAuth: mutual'),
    expected: 'cluster.yaml:10:17: ais.tls.clientAuth: expected one of "none" | "request" | "requireAny" | "verifyIfGiven" | "requireAndVerify", got "mutual"' },
  { name: 'extra SANs for an existing secret',
    text: replace('    certManager:\n      issuer: { name: ca-issuer }\n      duration: 2160h\n', '    existingSecret: ais-tls\n    dnsNames: [ais.example.com]\n'),
    expected: 'cluster.yaml:8:15: ais.tls.dnsNames: dnsNames apply to certificates cert-manager issues; the existing secret ais-tls has its own' },
  { name: 'an IP SAN that is not an IP',
    text: replace('    clientAuth: none', '    ipAddresses: [10.0.0.300]\n    clientAuth: none'),
    expected: 'cluster.yaml:10:19: ais.tls.ipAddresses[0]: expected an IPv4 address such as 10.132.179.10, got "10.0.0.300"' },
  { name: 'a secret name that is not a Kubernetes name',
    text: replace('awsSecretName: aws-creds', 'awsSecretName: AWS_Creds'),
    expected: 'cluster.yaml:12:20: ais.cloud.awsSecretName: expected a DNS-1123 subdomain: lowercase letters, digits, \'-\' and \'.\', got "AWS_Creds"' },
  { name: 'unknown cloud key lists the known ones',
    text: replace('awsSecretName', 'awsSecret'),
    expected: 'cluster.yaml:12:5: ais.cloud.awsSecret: unknown key `awsSecret`; expected one of: awsSecretName, gcpSecretName, ociSecretName' },
  { name: 'a tracing token without its header',
    text: `${VALID}  tracing:\n    exporterEndpoint: otel:4317\n    tokenSecretName: otel-token\n`,
    expected: 'cluster.yaml:15:22: ais.tracing.tokenSecretName: a tracing token needs tracing.tokenHeader, the header it is sent in (e.g. lightstep-access-token)' },
  { name: 'an ExternalSecret for a secret the cluster does not use',
    text: `${VALID}  externalSecrets:\n    store: { name: vault }\n    remoteKeys: { gcp-creds: ais/gcp }\n`,
    expected: 'cluster.yaml:15:30: ais.externalSecrets.remoteKeys.gcp-creds: secret gcp-creds is not used by this cluster; the secrets it uses are aws-creds' },
  { name: 'a PodDisruptionBudget that is neither a count nor a percentage',
    text: `${VALID}  targetDisruptionBudget: { maxUnavailable: ten }\n`,
    expected: 'cluster.yaml:13:45: ais.targetDisruptionBudget.maxUnavailable: expected a count such as 1 or a percentage such as 10%, got "ten"' },
];

describe('bad TLS, credential and hardening config: precise errors through the real loader', () => {
  it('the base config is valid', () => {
    expect(problems(VALID)).toEqual([]);
  });

  it.each(CASES)('$name', ({ text, expected }) => {
    expect(problems(text)).toContain(expected);
  });
});
