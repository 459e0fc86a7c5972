/**
 * The public API is what api/cdk8s-storage.api.md says, and it is closed: API Extractor, run on the
 * built declarations, finds no public signature naming a type the package does not export, and
 * writes exactly the committed report. A change of the API without `npm run api` fails here with
 * the diff, so API changes are reviewed as a diff of the report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../lib/review/unified-diff';
import { API_REPORT, API_REPORT_COMMAND, ApiReportRun, runApiExtractor } from '../scripts/api-report';
import { ensureBuilt, runDir } from './support/package';

describe('API report', () => {
  let run: ApiReportRun;

  beforeAll(async () => {
    await ensureBuilt();
    run = runApiExtractor({ update: false, tempDir: fs.mkdtempSync(path.join(runDir(), 'api-')) });
  }, 240_000);

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
