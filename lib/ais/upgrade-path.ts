/**
 * AIS's upgrade-path rules, facts only (NVIDIA/aistore v1.5.0): which aisnode release may follow which, and that
 * ais-init and aisnode come from one release. Part of the AIS rulebook: the config-only rule runs in
 * {@link aisCommonProblems} (lib/ais/cluster-checks.ts), the transition rules on the previous output's image
 * (the generator reads it from the output it is about to replace; library users call {@link aisUpgradeProblems}).
 */
import { PropProblem } from '../props/problems';
import { AisRelease, aisnodeRelease, aisnodeReleaseTag, imageTag } from './compatibility';

/** The first release of AIS 5: the mandatory bridge every 4.x cluster passes before 5.1 and later. */
export const AIS_BRIDGE_RELEASE: AisRelease = { major: 5, minor: 0 };

const compare = (a: AisRelease, b: AisRelease) => a.major - b.major || a.minor - b.minor;
/** A pre-5 release straight to one after the bridge. */
const skipsBridge = (before: AisRelease, after: AisRelease) => before.major < AIS_BRIDGE_RELEASE.major && compare(after, AIS_BRIDGE_RELEASE) > 0;
const tagOf = (release: AisRelease) => `v${release.major}.${release.minor}`;

/**
 * ais-init and aisnode are one release: NVIDIA builds and pushes both images from the same git tag with the same
 * image tag (aistore v1.4.9/v1.5.0 .github/workflows/publish-release-images.yml, `image_tag` = `v${tag#v1.}`),
 * and "for Kubernetes deployments, always deploy aisinit and aisnode from the same AIStore release/image tag"
 * (v1.5.0 docs/configuration.md): ais-init writes the config files aisnode then loads at its first start. An
 * aisnode build variant (`-oteltracing`, `-etl`) pairs with the plain ais-init tag; a digest-only image cannot be
 * compared (no problem).
 */
export function aisImageReleaseProblem(images: { readonly aisnode: string; readonly init: string }): string | undefined {
  const nodeTag = imageTag(images.aisnode);
  const initTag = imageTag(images.init);
  if (!nodeTag || !initTag || aisnodeReleaseTag(nodeTag) === initTag) return undefined;
  return `ais-init ${initTag} is not the aisnode release ${aisnodeReleaseTag(nodeTag)}: NVIDIA publishes both images per AIS release with the same tag, `
    + 'and ais-init writes the config aisnode loads (aistore docs/configuration.md: deploy aisinit and aisnode from the same release/image tag); '
    + `set ais-init to :${aisnodeReleaseTag(nodeTag)}`;
}

/** The aisnode image of the previous output and the one about to replace it. */
export interface AisUpgrade {
  /** the aisnode image the cluster runs now (read from the previous output) */
  readonly previous: string;
  /** the aisnode image of the new output */
  readonly next: string;
}

/**
 * The rules of an aisnode image change, at `images.aisnode` (errors; not overridable: both make aisnode refuse to
 * start, so no output would help):
 * - no downgrade: "downgrades are not supported" (aistore v1.5.0 docs/relnotes/5.0.md, intro and "Downgrade"):
 *   5.0 persists its cluster config sparsely, and a 4.x aisnode validating it fails on the sections it no longer finds
 *   (v1.4.9 cmn/config.go `ECConf.Validate`: `invalid ec.data_slices: 0`, reproduced on every node per v1.5.0
 *   docs/configuration.md "Compatibility and test checklist");
 * - 5.0 is the mandatory bridge: a 4.x cluster goes to 5.0 before 5.1 and later; from 5.1 a pre-5.0 node cannot
 *   join a post-bridge primary nor the other way round (relnotes 5.0, "5.0 is the mandatory bridge").
 * A tag that is no `vMAJOR.MINOR` (or a digest-only image) cannot be judged: no problem.
 */
export function aisUpgradeProblems(upgrade: AisUpgrade): PropProblem[] {
  const before = aisnodeRelease(upgrade.previous);
  const after = aisnodeRelease(upgrade.next);
  if (!before || !after) return [];
  const path = ['images', 'aisnode'];
  if (compare(after, before) < 0) {
    return [{ path, message: `aisnode ${tagOf(before)} → ${tagOf(after)} is a downgrade, which AIS does not support (aistore docs/relnotes/5.0.md "Downgrade"; `
      + `an older aisnode refuses the metadata a newer one persisted): keep aisnode and ais-init at ${tagOf(before)}. If the ${tagOf(before)} output was never `
      + 'synced, restore the previous output from Git instead of generating over it' }];
  }
  if (skipsBridge(before, after)) {
    return [{ path, message: `aisnode ${tagOf(before)} → ${tagOf(after)} skips the mandatory ${tagOf(AIS_BRIDGE_RELEASE)} bridge: from 5.1 a 4.x node and a 5.1 primary `
      + `refuse each other (aistore docs/relnotes/5.0.md "5.0 is the mandatory bridge"): go to ${tagOf(AIS_BRIDGE_RELEASE)} first (aisnode and ais-init), `
      + `sync and restart every node, then to ${tagOf(after)}` }];
  }
  return [];
}

/**
 * What FLEET.md says of a site's upgrade path: a pending change that skips the bridge, a 4.x cluster that still
 * needs it, or `—` (the rules of {@link aisUpgradeProblems}).
 */
export function upgradeBridge(image: string | undefined, previousImage?: string): string {
  const now = image ? aisnodeRelease(image) : undefined;
  const before = previousImage ? aisnodeRelease(previousImage) : undefined;
  if (before && now && skipsBridge(before, now)) return 'skips the 5.0 bridge: go to 5.0 first';
  if (now?.major === 4) return 'needs 5.0 before 5.1+';
  return '—';
}
