/**
 * The construct props of the public API follow the AWS CDK design guidelines cdk8s-plus follows
 * too (docs: /work/shared/cdk8s-notes.md §1-2): every optional prop documents its default
 * (`@default <value>` or `@default - <behaviour>`), naming only what a user can import, and no
 * prop takes a generated Kubernetes (L1) type (props-no-cfn-types): L1 objects stay escape
 * hatches on the constructs (`apiObject`, `statefulSet`, ...). Read from the sources by the
 * TypeScript compiler (test/support/public-props.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PublicProp, publicProps } from './support/public-props';

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

  it('every optional prop has a @default that says something (the review found 69 without one)', () => {
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
    const typeOf = (file: string, member: string) => props.find((p) => p.where.startsWith(`${file}:`) && p.name.endsWith(`.${member}`))?.typeText;
    expect([typeOf('lib/ais/cluster.ts', 'proxyResources'), typeOf('lib/ais/workloads/daemon-props.ts', 'resources'),
      typeOf('lib/ais/workloads/daemon-props.ts', 'extraVolumes'), typeOf('lib/ais/workloads/daemon-props.ts', 'extraEnv')])
      .toEqual(['AisResources', 'AisResources', 'readonly AisVolume[]', 'Readonly<Record<string, AisEnvValue>>']);
  });
});
