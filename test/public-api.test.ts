/**
 * The public API: what api/cdk8s-storage.api.md says, closed, and with props as the AWS CDK design
 * guidelines (which cdk8s-plus follows too) want them. Checked on the built declarations, what the
 * package ships (`npm run build` first when they are stale).
 *
 * - API report: API Extractor finds no public signature naming a type the package does not export,
 *   and writes exactly the committed report. A change of the API without `npm run api` fails here
 *   with the diff, so API changes are reviewed as a diff of the report.
 * - Construct props (test/support/public-props.ts): every optional prop documents its default
 *   (`@default <value>` or `@default - <behaviour>`), naming only what a user can import, and no
 *   prop takes a generated Kubernetes (L1) type (props-no-cfn-types): L1 objects stay escape
 *   hatches on the constructs (`apiObject`, `statefulSet`, ...).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../lib/review/unified-diff';
import { API_REPORT, API_REPORT_COMMAND, ApiReportRun, runApiExtractor } from '../scripts/api-report';
import { ensureBuilt, runDir } from './support/package';
import { PublicProp, publicProps } from './support/public-props';

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

describe('API report', () => {
  let run: ApiReportRun;

  beforeAll(() => {
    run = runApiExtractor({ update: false, tempDir: fs.mkdtempSync(path.join(runDir(), 'api-')) });
  }, 120_000);

  it('every type a public signature names is exported (API Extractor reports nothing)', () => {
    expect(run.problems).toEqual([]);
  });

  it(`the committed report is the API as built (else: ${API_REPORT_COMMAND}, and commit ${path.basename(API_REPORT)})`, () => {
    const file = 'api/cdk8s-storage.api.md';
    const committed = new Map(fs.existsSync(API_REPORT) ? [[file, fs.readFileSync(API_REPORT, 'utf8')]] : []);
    const diff = unifiedDiff(committed, new Map([[file, run.report]]), { labels: ['committed/', 'built/'] }).map((d) => d.text).join('');
    expect(diff, `the public API changed: run \`${API_REPORT_COMMAND}\` and commit ${file}\n${diff}`).toBe('');
  });

  it('names no zod type and no config schema', () => {
    expect(run.report).not.toMatch(/zod|Schema\b|ClusterConfig\b/);
  });
});

describe('public construct props', () => {
  let props: PublicProp[];
  let exported: ReadonlySet<string>;

  beforeAll(() => {
    ({ props, exported } = publicProps());
  }, 60_000);

  it('are found: the L3 props and what they refer to, nested ones included', () => {
    const names = props.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([
      'AisClusterProps.proxyResources', 'AisClusterProps.extraEnv.proxy', 'AisOperatorClusterProps.operatorSettings',
      'AuristorClientProps.groups', 'AuristorNodeGroup.kmodVersion', 'AisTlsProps.certificate', 'AisCertificateRequest.issuer',
      'ArgoApplicationsProps.layout', 'AisMonitoringOptions.thresholds', 'AisAlertThresholds.diskUtilPercent',
    ]));
    expect(props.filter((p) => p.optional).length).toBeGreaterThan(250);
  });

  it('every optional prop has a @default that says something (the code review of 2026-12-06 found 22 % without one)', () => {
    expect(props.filter((p) => p.optional && !p.tags.includes('default')).map((p) => `${p.where} ${p.name}`)).toEqual([]);
    expect(props.filter((p) => p.defaultText !== undefined && /^(undefined|-?)$/.test(p.defaultText)).map((p) => `${p.where} ${p.name}`)).toEqual([]);
  });

  it('a @default names only symbols the package exports (an enum member, not an internal constant)', () => {
    // a literal default (not `- prose`), quoted strings left out: `Enum.MEMBER` names Enum, a bare `SOME_CONSTANT` names itself
    const named = props.flatMap((p) => {
      if (p.defaultText === undefined || p.defaultText.startsWith('-')) return [];
      const code = p.defaultText.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '');
      const symbols = [...code.matchAll(/\b([A-Z][A-Za-z0-9]*)\.[A-Z][A-Z0-9_]*\b|(?<![.\w])([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g)].map((m) => m[1] ?? m[2]);
      return symbols.map((symbol) => ({ prop: `${p.where} ${p.name}`, symbol }));
    });
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter(({ symbol }) => !exported.has(symbol)).map(({ prop, symbol }) => `${prop}: ${symbol}`)).toEqual([]);
  });

  it('take no generated Kubernetes (L1) type: resources, env and volumes are construct-level types (props-no-cfn-types)', () => {
    expect(props.filter((p) => /\bk8s\.|\bKube[A-Z]/.test(p.typeText)).map((p) => `${p.where} ${p.name}: ${p.typeText}`)).toEqual([]);
    // members are listed under the first interface that has them: AisDaemonProps' under AisProxiesProps
    const typeOf = (file: string, member: string) => props.find((p) => p.where === file && p.name.endsWith(`.${member}`))?.typeText;
    expect([typeOf('lib/ais/cluster-props.ts', 'proxyResources'), typeOf('lib/ais/workloads/daemon-props.ts', 'resources'),
      typeOf('lib/ais/workloads/daemon-props.ts', 'extraVolumes'), typeOf('lib/ais/workloads/daemon-props.ts', 'extraEnv')])
      .toEqual(['AisResources', 'AisResources', 'readonly AisVolume[]', 'Readonly<Record<string, AisEnvValue>>']);
  });
});
