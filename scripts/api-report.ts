/**
 * `npm run api`: builds the package when its output is stale, then writes the report of the public
 * API, api/cdk8s-storage.api.md, with API Extractor from the built declarations (out/lib/index.d.ts).
 * Commit the report with the change: `npm test` (test/public-api.test.ts) fails while it differs
 * from the API, so every change of the public API shows up in review as a diff of that file.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel, ExtractorMessageCategory } from '@microsoft/api-extractor';

const ROOT = path.resolve(__dirname, '..');
export const API_REPORT = path.join(ROOT, 'api', 'cdk8s-storage.api.md');
export const API_REPORT_COMMAND = 'npm run api';

export interface ApiReportRun {
  /** the report of the API as built */
  readonly report: string;
  /** problems API Extractor found (e.g. a public signature naming a type the package does not export) */
  readonly problems: readonly string[];
}

/**
 * Runs API Extractor on the built declarations. `update`: write the report to api/; else write it
 * to `tempDir` only (the committed one is left alone).
 */
export function runApiExtractor(options: { readonly update: boolean; readonly tempDir: string }): ApiReportRun {
  const configFile = path.join(ROOT, 'api-extractor.json');
  const configObject = ExtractorConfig.loadFile(configFile);
  configObject.apiReport = { ...configObject.apiReport!, reportTempFolder: options.tempDir };
  const config = ExtractorConfig.prepare({ configObject, configObjectFullPath: configFile, packageJsonFullPath: path.join(ROOT, 'package.json') });
  const problems: string[] = [];
  Extractor.invoke(config, {
    localBuild: options.update,
    messageCallback: (message) => {
      message.handled = true;
      // API Extractor's own notices (report changed, copied, created) are for the caller, who compares the report
      if (message.category === ExtractorMessageCategory.Console) return;
      if (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) problems.push(message.formatMessageWithLocation(ROOT));
    },
  });
  const report = fs.readFileSync(path.join(options.tempDir, path.basename(API_REPORT)), 'utf8');
  return { report, problems };
}

if (require.main === module) {
  const { bundleIsFresh } = require('../bin/bundle-freshness') as { bundleIsFresh: (root: string) => boolean };
  if (!bundleIsFresh(ROOT)) execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' });
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-storage-api-'));
  const { problems } = runApiExtractor({ update: true, tempDir });
  for (const problem of problems) console.error(problem);
  console.log(`${path.relative(ROOT, API_REPORT)} written`);
  process.exitCode = problems.length ? 1 : 0;
}
