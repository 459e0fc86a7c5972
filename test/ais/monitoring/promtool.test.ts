/**
 * The alert rule tests need promtool and never skip without it: CI (.ci/run) extracts it from Debian's
 * `prometheus` package when absent, so a missing promtool is a failure, with how to get it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../support/cli';
import { MIN_PROMTOOL, findPromtool, promtool, promtoolCandidates } from '../../support/promtool';

it('promtool 2.42 or later is there for this run (the rule, dashboard and docs tests fail without it)', () => {
  const { version } = promtool();
  const [major, minor] = version.split('.').map(Number);
  expect(major > MIN_PROMTOOL[0] || (major === MIN_PROMTOOL[0] && minor >= MIN_PROMTOOL[1]), version).toBe(true);
});

it('without promtool the tests fail with how to get it, having tried $PROMTOOL, the PATH and where .ci/run puts it', () => {
  const candidates = promtoolCandidates({ PROMTOOL: '/nonexistent/promtool' }).map((c) => (c === 'promtool' ? 'promtool-not-on-this-path' : c));
  expect(candidates[0]).toBe('/nonexistent/promtool');
  expect(candidates[2]).toMatch(/node_modules\/\.cache\/promtool\/promtool$/);
  // where .ci/run puts promtool holds one on CI: point that candidate at an empty folder for this check
  const absent = candidates.map((c, i) => (i === 2 ? path.join(tempDir('no-promtool-'), 'promtool') : c));
  expect(() => findPromtool(absent)).toThrow(/promtool not found \(tried \/nonexistent\/promtool, promtool-not-on-this-path, .*\)[\s\S]*apt-get download prometheus[\s\S]*PROMTOOL=\/path\/to\/promtool/);
});

it('a promtool older than 2.42 is refused, not used', () => {
  const old = path.join(tempDir('old-promtool-'), 'promtool');
  fs.writeFileSync(old, '#!/bin/sh\necho "promtool, version 2.31.1 (branch: HEAD)"\n', { mode: 0o755 });
  expect(() => findPromtool([old])).toThrow(/is promtool version 2\.31\.1; the rule tests need 2\.42 or later/);
});
