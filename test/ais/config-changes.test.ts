/**
 * Cluster-config changes (audit N5): `ais.json` is read only at a node's first start (aistore v1.4.9
 * `cmn/config.go` `LoadConfig`), so the review names the command that sets each changed key on the
 * running cluster — `ais config cluster KEY=VALUE` (v1.4.9 `cmd/cli/cli/config_hdlr.go`
 * `setCluConfigHandler`), or the REST set-config for sections the CLI cannot set — and says which keys
 * need a restart (`cmn/config.go` `ConfigRestartRequired`).
 */
import { describe, expect, it } from 'vitest';
import { clusterConfigChanges } from '../../lib/ais/config-changes';
import { formatChangeReview } from '../../lib/review/change-review';
import { CHANGE_KINDS } from '../support/sim/changes';
import { scenarioOf, standaloneExamples } from '../support/sim/matrix';

describe('cluster-config changes', () => {
  it('each changed key: its command and its restart', () => {
    const changes = clusterConfigChanges(
      { tracing: { enabled: false }, timeout: { send_file_time: '5m', max_keepalive: '4s' }, backend: {} },
      { tracing: { enabled: true, exporter_endpoint: 'otel:4317' }, timeout: { send_file_time: '10m', max_keepalive: '8s' }, backend: { gcp: {} }, auth: { enabled: true } },
    );
    expect(changes).toEqual([
      { key: 'backend', value: '{"gcp":{}}', via: 'rest', restart: 'targets' },
      { key: 'auth.enabled', value: 'true', via: 'cli', restart: 'none' },
      { key: 'timeout.max_keepalive', value: '8s', via: 'cli', restart: 'all' },
      { key: 'timeout.send_file_time', value: '10m', via: 'cli', restart: 'none' },
      { key: 'tracing.enabled', value: 'true', via: 'cli', restart: 'all' },
      { key: 'tracing.exporter_endpoint', value: 'otel:4317', via: 'cli', restart: 'all' },
    ]);
  });

  it('a removed key AIS keeps is a manual step that says so; tracing removed is tracing.enabled=false', () => {
    const changes = clusterConfigChanges({ tracing: { enabled: true, exporter_endpoint: 'x' }, auth: { enabled: true } }, {});
    expect(changes).toContainEqual({ key: 'tracing.enabled', value: 'false', via: 'cli', restart: 'all' });
    expect(changes.find((c) => c.key === 'auth.enabled')).toMatchObject({ via: 'manual', note: expect.stringContaining('ais config cluster auth.enabled=VALUE') });
  });

  const example = standaloneExamples().find((e) => e.id === 'local-pv.yaml')!;
  const review = (kind: string) => formatChangeReview(scenarioOf(example, CHANGE_KINDS.find((k) => k.id === kind)!)!.review);

  it('the review of a tracing change prints the exact ais config cluster command and the restart it needs', () => {
    const text = review('tracing-changed');
    expect(text).toMatch(/\$ ais config cluster tracing\.enabled=true tracing\.exporter_endpoint=otel-collector\.monitoring:4317 tracing\.sampler_probability=0\.25 tracing\.skip_verify=false/);
    expect(text).toMatch(/set tracing\.enabled, .* \(restart every node: tracing\.enabled, tracing\.exporter_endpoint, tracing\.sampler_probability, tracing\.skip_verify\)/);
    expect(text).toContain('restart the proxies but the primary, one at a time');
  });

  it('the review of a cloud backend change sets the backends through the API and restarts the targets only', () => {
    const text = review('cloud-backend-added');
    expect(text).toMatch(/set the cluster's backends to gcp \(restart every target: backend\)/);
    expect(text).not.toContain('restart the proxies');
  });
});
