/**
 * AIS upgrade paths against the previous output (issue #21 item 5): the synth reads the aisnode image of the output
 * it would replace and refuses, writing nothing and whatever the flags, a downgrade and a 4.x → 5.1+ jump past the
 * 5.0 bridge (lib/ais/upgrade-path.ts cites aistore v1.5.0), at the config key's line:col. Real processes where the
 * exit status is the behaviour (the bundle, as `npm run synth` runs it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionOf } from '../rulebooks/cases';
import { ROOT, repoWith, runCli, snapshot, tempDir, writeConfig, withoutSchemaWarnings } from '../support/cli';
import { REFERENCE, edit } from '../support/gitops';

const OPERATOR = fs.readFileSync(path.join(ROOT, 'examples', 'operator.yaml'), 'utf8');

/** The reference config with both AIS images at `tag` (ais-init at `initTag`). */
const withImages = (tag: string, initTag = tag, text = REFERENCE, section = 'ais:\n') => edit(text, section,
  `${section}  images:\n    aisnode: docker.io/aistorage/aisnode:${tag}\n    init: docker.io/aistorage/ais-init:${initTag}\n`);

/** The generator bundle in a real process. */
const synth = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-storage.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

/** `cluster.yaml:<line>:<col>` of the aisnode image in a config. */
const aisnodeAt = (config: string, text: string) => {
  const { line, column } = positionOf(text, 'docker.io/aistorage/aisnode:');
  return `${config}:${line}:${column}: ais.images.aisnode: `;
};

describe('AIS upgrade paths against the previous output', () => {
  it('v4.9 output, then a config with v5.1: refused at ais.images.aisnode line:col, nothing written, --allow-dangerous does not override', () => {
    const { repo, config, out } = repoWith(withImages('v4.9'));
    const next = withImages('v5.1');
    fs.writeFileSync(config, next);
    const before = snapshot(repo);
    for (const flags of [[], ['--allow-dangerous']]) {
      const result = synth([config, '--out', out, ...flags]);
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toContain(`${aisnodeAt(config, next)}aisnode v4.9 → v5.1 skips the mandatory v5.0 bridge: from 5.1 a 4.x node and a 5.1 primary refuse each other `
        + '(aistore docs/relnotes/5.0.md "5.0 is the mandatory bridge"): go to v5.0 first (aisnode and ais-init), sync and restart every node, then to v5.1');
      expect(lines.at(-1)).toBe(`Refusing to write ${out}/: the aisnode image change breaks AIS's upgrade path (above). Nothing was written. `
        + '--allow-dangerous does not override it: aisnode would refuse to start. Change the image as the message says.');
      expect(snapshot(repo)).toEqual(before);
    }
    const diff = synth([config, '--out', out, '--diff']);
    expect(diff.status).toBe(1);
    expect(diff.stderr).toContain(`synth would refuse to write ${out}/: the aisnode image change breaks AIS's upgrade path`);
  });

  it('v4.9 → v5.0 → v5.1: each step through the bridge is accepted and written', () => {
    const { config, out } = repoWith(withImages('v4.9'));
    for (const tag of ['v5.0', 'v5.1']) {
      fs.writeFileSync(config, withImages(tag));
      const result = synth([config, '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      expect(fs.readFileSync(path.join(out, 'ais-targets.yaml'), 'utf8')).toContain(`image: docker.io/aistorage/aisnode:${tag}`);
    }
  });

  it('v5.0 → v4.9: a downgrade is refused at ais.images.aisnode line:col, nothing written', () => {
    const { repo, config, out } = repoWith(withImages('v5.0'));
    const next = withImages('v4.9');
    fs.writeFileSync(config, next);
    const before = snapshot(repo);
    const result = synth([config, '--out', out, '--allow-dangerous']);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toContain(`${aisnodeAt(config, next)}aisnode v5.0 → v4.9 is a downgrade, which AIS does not support `
      + '(aistore docs/relnotes/5.0.md "Downgrade"; an older aisnode refuses the metadata a newer one persisted): keep aisnode and ais-init at v5.0. '
      + 'If the v5.0 output was never synced, restore the previous output from Git instead of generating over it '
      + '(docker.io/aistorage/aisnode:v4.9 is what ais.images.aisnode is when unset)');
    expect(snapshot(repo)).toEqual(before);
  });

  it('a downgrade to the default image (images unset) names the default and points at the section above the unset key', () => {
    const { config, out } = repoWith(withImages('v5.0'));
    fs.writeFileSync(config, REFERENCE);
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    const { line, column } = positionOf(REFERENCE, 'ais:');
    expect(withoutSchemaWarnings(result.stderr).split('\n')[0]).toMatch(new RegExp(`^${config.replace(/[.]/g, '\\.')}:${line}:${column}: ais\\.images\\.aisnode: aisnode v5\\.0 → v4\\.9 is a downgrade, `
      + '.* \\(docker\\.io/aistorage/aisnode:v4\\.9 is what ais\\.images\\.aisnode is when unset\\)$'));
  });

  it('operator mode: the AIStore nodeImage of the previous output is read the same way (v4.9 → v5.1 refused)', () => {
    const v49 = withImages('v4.9', 'v4.9', OPERATOR, 'ais:\n  mode: operator\n');
    const { config, out } = repoWith(v49);
    const next = withImages('v5.1', 'v5.1', OPERATOR, 'ais:\n  mode: operator\n');
    fs.writeFileSync(config, next);
    const result = runCli([config, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${aisnodeAt(config, next)}aisnode v4.9 → v5.1 skips the mandatory v5.0 bridge`);
  });

  it('mismatched ais-init and aisnode tags: an error at ais.images.init line:col before anything is built', () => {
    const dir = tempDir();
    const text = withImages('v5.0', 'v4.9');
    const config = writeConfig(dir, text);
    const result = synth([config, '--out', path.join(dir, 'dist')]);
    expect(result.status).toBe(1);
    const { line, column } = positionOf(text, 'docker.io/aistorage/ais-init:v4.9');
    expect(result.stderr.split('\n')[0]).toBe(`${config}:${line}:${column}: ais.images.init: ais-init v4.9 is not the aisnode release v5.0: NVIDIA publishes both `
      + 'images per AIS release with the same tag, and ais-init writes the config aisnode loads (aistore docs/configuration.md: deploy aisinit and aisnode '
      + 'from the same release/image tag); set ais-init to :v5.0');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('a digest-only previous image cannot be compared: the change is written', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const { config, out } = repoWith(edit(withImages('v5.0'), 'aisnode:v5.0', `aisnode@${digest}`).replace('ais-init:v5.0', `ais-init@${digest}`));
    fs.writeFileSync(config, withImages('v4.9'));
    const result = runCli([config, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
  });
});
