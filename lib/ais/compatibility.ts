/**
 * The AIS compatibility matrix (NVIDIA/ais-k8s docs/COMPATIBILITY.md): which AIS releases (the
 * aisnode image tag) need which AIS operator version, and the rules in its notes. Facts only,
 * as data: one row per AIS release line.
 */

/** `[AIS versions (aisnode tags), minimum operator version]`, from the matrix. */
const REQUIRED_OPERATOR: ReadonlyArray<readonly [readonly string[], string]> = [
  [['3.22'], '1.0.0'],
  [['3.23'], '1.1.0'],
  [['3.24', '3.25'], '1.4.1'],
  [['3.26', '3.27', '3.28'], '1.6.0'],
  [['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9'], '2.8.0'],
];

/** A version `v1.2.3` / `1.2` as numbers. */
function parse(version: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The tag of an image reference (`repo:tag`, `repo:tag@sha256:...`); undefined for a digest only. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}

/**
 * The AIS release of an aisnode image from its tag (`…/aisnode:v4.9` → 4.9; `v4.9` is NVIDIA/aistore v1.4.9,
 * cmn/ver_const.go VersionAIStore); undefined for a digest-only image or a tag that is no `vMAJOR.MINOR`.
 */
export function aisnodeRelease(image: string): { readonly major: number; readonly minor: number } | undefined {
  const tag = imageTag(image);
  const version = tag ? parse(tag) : undefined;
  return version ? { major: version[0], minor: version[1] } : undefined;
}

export interface CompatibilityProblem {
  readonly severity: 'error' | 'warning';
  /** which input: the aisnode image, the ais-init image, the declared operator version */
  readonly input: 'aisnode' | 'init' | 'operatorVersion';
  readonly message: string;
}

export interface CompatibilityInput {
  readonly aisnode: string;
  readonly init: string;
  /** the AIS operator version that runs the cluster (operator mode), e.g. `v2.19.0` */
  readonly operatorVersion?: string;
}

const SOURCE = 'ais-k8s docs/COMPATIBILITY.md';

/** The AIS images and the operator version checked against the compatibility matrix. */
export function aisCompatibilityProblems(input: CompatibilityInput): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  const nodeTag = imageTag(input.aisnode);
  const initTag = imageTag(input.init);
  if (nodeTag && initTag && nodeTag !== initTag) {
    problems.push({ severity: 'warning', input: 'init', message: `ais-init ${initTag} differs from aisnode ${nodeTag}: keep the init container at the aisnode release (${SOURCE}, init container compatibility)` });
  }
  const ais = nodeTag ? parse(nodeTag) : undefined;
  if (!ais) {
    if (nodeTag) problems.push({ severity: 'warning', input: 'aisnode', message: `aisnode tag ${nodeTag} is no AIS release version (vMAJOR.MINOR): its compatibility cannot be checked against ${SOURCE}` });
    return problems;
  }
  const line = `${ais[0]}.${ais[1]}`;
  const row = REQUIRED_OPERATOR.find(([versions]) => versions.includes(line));
  const below = compare(ais, [3, 22, 0]) < 0;
  if (!row && !below) {
    problems.push({ severity: 'warning', input: 'aisnode', message: `AIS v${line} is not in the compatibility matrix (${SOURCE}): check the operator and ais-init versions it needs` });
  }
  if (input.operatorVersion === undefined) return problems;
  const operator = parse(input.operatorVersion);
  if (!operator) {
    problems.push({ severity: 'error', input: 'operatorVersion', message: `operator version ${input.operatorVersion} is not vMAJOR.MINOR.PATCH` });
    return problems;
  }
  const required = below ? undefined : row?.[1];
  if (required && compare(operator, parse(required)!) < 0) {
    problems.push({ severity: 'error', input: 'operatorVersion', message: `AIS v${line} requires AIS operator v${required} or later, not ${input.operatorVersion} (${SOURCE})` });
  }
  if (compare(operator, [2, 3, 0]) >= 0 && compare(ais, [3, 28, 0]) < 0) {
    problems.push({ severity: 'error', input: 'operatorVersion', message: `operator ${input.operatorVersion} is not compatible with AIS below v3.28; upgrade AIS to v3.28 first (${SOURCE})` });
  }
  if (below && compare(operator, [1, 0, 0]) >= 0) {
    problems.push({ severity: 'error', input: 'operatorVersion', message: `AIS v${line} runs with operator v0.x only (${SOURCE})` });
  }
  return problems;
}
