import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_RULES } from '../../lib/review/change-review';
import { SYNC_OPTION_RULES } from '../../lib/argo/sync-option-rules';
import { SYNC_WAVES } from '../../lib/argo/sync-waves';
import { ROOT } from '../support/cli';

const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'gitops.md'), 'utf8');

describe('docs/gitops.md describes what the code does', () => {
  it('has a row for every sync wave, with its number and role', () => {
    for (const row of SYNC_WAVES) expect(DOC, row.role).toContain(`| ${row.wave} | ${row.role} |`);
  });

  it('lists the options of every sync-option rule', () => {
    for (const rule of SYNC_OPTION_RULES) expect(DOC, rule.objects).toContain(`\`${rule.options.join(',')}\``);
  });

  it('explains every rule of the change review under its id', () => {
    for (const rule of REVIEW_RULES) expect(DOC, rule.id).toContain(`| \`${rule.id}\` |`);
  });
});
