/**
 * docs/monitoring.md matches the output: the alerts it names are the ones emitted (per media, aisnode release
 * and HTTPS), its flag table is what each variant alerts on, its thresholds are the defaults, and the commands
 * of "Testing the rules" run as shown in a fresh copy of the repository.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_THRESHOLDS } from '../../lib/ais/defaults';
import { ROOT } from '../support/cli';
import { freshCopy } from '../support/doc-shell';
import { edit } from '../support/gitops';
import { MONITORING_EXAMPLE, buildMonitoring } from '../support/monitoring';
import { promtool } from '../support/promtool';

const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'monitoring.md'), 'utf8');
const section = (heading: string) => DOC.slice(DOC.indexOf(heading), DOC.indexOf('\n## ', DOC.indexOf(heading) + 1));
const alertsOf = (text: string) => [...buildMonitoring(text).rules.keys()];

const v50 = edit(MONITORING_EXAMPLE, /^ais:\n/m, 'ais:\n  images: { aisnode: docker.io/aistorage/aisnode:v5.0, init: docker.io/aistorage/ais-init:v5.0 }\n');
const http = edit(MONITORING_EXAMPLE, /  tls:\n(    .*\n)+/, '');
const nvme = edit(MONITORING_EXAMPLE, 'media: hdd', 'media: nvme');

describe('docs/monitoring.md', () => {
  it('names every alert the example and its NVMe, HTTP and aisnode 5.0 variants emit (flags through the flag table)', () => {
    const all = new Set([MONITORING_EXAMPLE, v50, http, nvme].flatMap(alertsOf));
    const missing = [...all].filter((alert) => !/^AIS(Proxy|Target)[A-Z]/.test(alert) || /StatefulSetUnavailable$/.test(alert))
      .filter((alert) => !DOC.includes(`\`${alert}\``) && !DOC.includes(alert.replace(/Warning$|Critical$/, '<Warning\\|Critical>')));
    expect(missing).toEqual([]);
  });

  it('the flag table says what each variant alerts on, per role', () => {
    const rows = section('**State flags.**').split('\n').filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| flag')).map((l) => l.split('|').map((c) => c.trim()));
    const documented = (role: 'Proxy' | 'Target', version: 4 | 5, https: boolean) => rows.flatMap(([, flags, , alerted]) => {
      const on = alerted.startsWith('both') || (role === 'Target' && alerted.startsWith('targets'));
      const ok = on && (!alerted.includes('5.0') || version === 5) && (!alerted.includes('HTTPS') || https);
      return ok ? flags.split(', ').map((f) => `AIS${role}${f}`) : [];
    });
    const flagAlerts = (text: string) => alertsOf(text).filter((a) => /^AIS(Proxy|Target)/.test(a) && !a.endsWith('StatefulSetUnavailable')).sort();
    expect(rows.length).toBeGreaterThan(8);
    expect(flagAlerts(MONITORING_EXAMPLE)).toEqual([...documented('Proxy', 4, true), ...documented('Target', 4, true)].sort());
    expect(flagAlerts(http)).toEqual([...documented('Proxy', 4, false), ...documented('Target', 4, false)].sort());
    expect(flagAlerts(v50)).toEqual([...documented('Proxy', 5, true), ...documented('Target', 5, true)].sort());
  });

  it('the count of the example\'s alerts per group, and the default thresholds', () => {
    const built = buildMonitoring(MONITORING_EXAMPLE);
    const groups = built.manifests.find((m) => m.kind === 'PrometheusRule')!.spec.groups.map((g: any) => g.rules.length);
    const [flags, errors, capacity, rateLimit, kubernetes, scrape] = groups;
    expect(DOC).toContain(`gets ${built.rules.size} alerts: ${flags} state flags, ${errors} errors, ${capacity} capacity, ${rateLimit}\nrate-limit, ${kubernetes} Kubernetes, ${scrape} scrape.`);
    const t = DEFAULT_ALERT_THRESHOLDS;
    const table = section('## Alerts');
    for (const text of [`(${t.mountpathUsedWarningPercent} %, 15m)`, `(${t.mountpathUsedCriticalPercent} %, 5m)`, `> ${t.diskUtilPercent} %`,
      `(${t.nvmeReadLatencyMs} ms)`, `(${t.nvmeWriteLatencyMs} ms)`, `(${t.retryRatioWarning * 100} %, ${t.retryRatioCritical * 100} %, 5m)`]) {
      expect(table, text).toContain(text);
    }
  });

  it('the commands of "Testing the rules" run as shown in a fresh copy of the repository', () => {
    const commands = [...section('## Testing the rules').matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((b) => b[1].split('\n')).filter(Boolean);
    expect(commands).toEqual(['npm run synth -- examples/monitoring.yaml --out monitoring-demo/dist', 'cd monitoring-demo && promtool test rules monitoring-tests/demo/*.test.yaml']);
    const clone = freshCopy('monitoring-docs-');
    const tool = promtool().path;
    const env = tool.includes('/') ? { ...process.env, PATH: `${path.dirname(path.resolve(tool))}:${process.env.PATH}` } : process.env;
    for (const command of commands) {
      // `npm run synth -- args` is `node bin/cdk8s-storage.js args` (package.json); the rest runs in a shell, after the commands before it
      const synth = /^npm run synth -- (.*)$/.exec(command);
      const result = synth
        ? spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), ...synth[1].split(' ')], { cwd: clone, encoding: 'utf8' })
        : spawnSync('sh', ['-c', command], { cwd: clone, encoding: 'utf8', env });
      expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });
});
