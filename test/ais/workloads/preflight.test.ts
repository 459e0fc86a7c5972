import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightScript } from '../../../lib/ais/workloads/preflight';
import { EXAMPLES, find, tempDir } from '../../support/cli';
import { validateAll } from '../../support/schema';
import { manifestsOf, planOf } from '../../support/synth';

describe('preflight DaemonSet (ais.preflight: true)', () => {
  const manifests = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'local-pv.yaml'), 'utf8'));
  const ds = find(manifests, 'DaemonSet', 'nvme-preflight');
  const pod = ds.spec.template.spec;

  it('runs on every target node, unprivileged, with the mountpaths read-only from the host', async () => {
    expect(ds.metadata.namespace).toBe('ais-nvme');
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/ais-target': 'nvme-ais' });
    expect(pod.volumes).toContainEqual({ name: 'mp-ais-nvme0n1', hostPath: { path: '/ais/nvme0n1', type: 'Directory' } });
    expect(pod.volumes).toContainEqual({ name: 'host-root', hostPath: { path: '/', type: 'Directory' } });
    const container = pod.containers[0];
    expect(container.image).toBe('docker.io/library/busybox:1.36.1');
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.volumeMounts).toContainEqual({ name: 'mp-ais-nvme3n1', mountPath: '/host/ais/nvme3n1', readOnly: true, mountPropagation: 'HostToContainer' });
    expect(container.readinessProbe.exec.command).toEqual(['cat', '/tmp/ready']);
    expect(await validateAll([ds])).toEqual([]);
  });

  it('is not emitted unless asked for', () => {
    const reference = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'reference.yaml'), 'utf8'));
    expect(reference.some((m) => m.kind === 'DaemonSet')).toBe(false);
  });

  it('its check passes only for mountpaths on their own, distinct filesystems', () => {
    const sh = (script: string) => execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8', env: { ...process.env, NODE: 'n1' } });
    // a fake host: its root on the test's temporary filesystem, one "disk" on /dev/shm (a different filesystem)
    const host = tempDir('preflight-');
    fs.mkdirSync(path.join(host, 'host-root'));
    fs.mkdirSync(path.join(host, 'tmp'));
    fs.mkdirSync(path.join(host, 'host', 'ais', 'rootdisk'), { recursive: true });
    const shm = fs.mkdtempSync('/dev/shm/preflight-');
    fs.symlinkSync(shm, path.join(host, 'host', 'ais', 'disk1'));
    fs.symlinkSync(shm, path.join(host, 'host', 'ais', 'disk1again'));
    const run = (paths: string[]) => sh(preflightScript(paths.map((p) => ({ path: p })), { prefix: host, hold: false }));

    expect(run(['/ais/disk1'])).toMatch(/^ok {3}\/ais\/disk1: own filesystem \(device \d+\)\nall 1 mountpaths ready on node n1\n$/);
    expect(fs.existsSync(path.join(host, 'tmp', 'ready'))).toBe(true);
    fs.rmSync(path.join(host, 'tmp', 'ready'));
    const bad = run(['/ais/disk1', '/ais/rootdisk', '/ais/missing', '/ais/disk1again']);
    expect(bad).toContain('FAIL /ais/rootdisk: is on the root filesystem of node n1, not its own disk');
    expect(bad).toContain('FAIL /ais/missing: does not exist on node n1');
    expect(bad).toContain('FAIL /ais/disk1again: shares a filesystem with another mountpath on node n1');
    expect(bad).not.toContain('ready on node');
    expect(fs.existsSync(path.join(host, 'tmp', 'ready'))).toBe(false);
    fs.rmSync(shm, { recursive: true, force: true });
  });
});

describe('PLAN.md points at the preflight check', () => {
  it('tells how to read it when enabled, and offers it when not', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'local-pv.yaml'), 'utf8');
    const on = planOf(text, 'x');
    expect(on).toContain('- [ ] `kubectl -n ais-nvme get ds nvme-preflight` shows every target node Ready');
    const off = planOf(text.replace('  preflight: true', '  preflight: false'), 'x');
    expect(off).toContain('optional: `ais.preflight: true` adds a DaemonSet');
  });
});
