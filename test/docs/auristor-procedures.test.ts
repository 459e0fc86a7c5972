/**
 * docs/auristor.md shows the AuriStorFS procedures for node cpu03 of the phased example's group-2: each console block
 * is exactly what the typed procedures (lib/review/auristor-runbooks.ts) give for the emitted objects, the same steps
 * the change review and PLAN.md print and the node model runs (issue #23).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auristorGroupFacts, groupUpgradeProcedure, nodeMaintenanceProcedure, procedureConsole, sroDeadNodeRecovery,
} from '../../lib/review/auristor-runbooks';
import { phased } from '../support/auristor-ops';
import { ROOT } from '../support/cli';
import { manifestsOf } from '../support/synth';

const DOCS = fs.readFileSync(path.join(ROOT, 'docs', 'auristor.md'), 'utf8');
const consoleBlocks = [...DOCS.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd());

const group2 = (delivery: 'sro' | 'kmm' | 'static') => {
  const facts = auristorGroupFacts(manifestsOf(phased(delivery))).find((g) => g.name === 'group-2')!;
  expect(facts.delivery).toBe(delivery);
  return facts;
};

describe('docs/auristor.md procedures match the typed procedures over the phased example', () => {
  it.each(['static', 'sro', 'kmm'] as const)('%s: the per-node upgrade of cpu03', (delivery) => {
    const procedure = groupUpgradeProcedure({ ...group2(delivery), nodes: ['cpu03'] });
    expect(consoleBlocks).toContain(procedureConsole(procedure).join('\n'));
  });

  it.each(['static', 'sro', 'kmm'] as const)('%s: maintenance or reboot of cpu03', (delivery) => {
    expect(consoleBlocks).toContain(procedureConsole(nodeMaintenanceProcedure(group2(delivery), 'cpu03')).join('\n'));
  });

  it('sro: the dead-node recovery of cpu01 (out-of-service taint)', () => {
    const facts = auristorGroupFacts(manifestsOf(phased('sro'))).find((g) => g.name === 'group-1')!;
    const block = procedureConsole(sroDeadNodeRecovery(facts, 'cpu01'));
    expect(consoleBlocks.some((b) => block.every((line) => line.startsWith('#') || b.includes(line)))).toBe(true);
  });
});
