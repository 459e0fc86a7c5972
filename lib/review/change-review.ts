import { kmodSummary } from './kmod-changes';
import { AURISTOR_CONTROL_PLANE_RULE, AURISTOR_RUNBOOKS } from './rules/auristor-control-plane';
import { Manifest, changedPaths, describeObject, objectKey } from '../k8s/manifest';
import { AIS_WORKLOAD_RULE } from './rules/ais-workloads';
import { EXTERNAL_LB_TOGGLED_RULE } from './rules/external-lb-toggled';
import { IMMUTABLE_CONFIG_RULE } from './rules/immutable-config';
import { IMMUTABLE_FIELD_RULES } from './rules/immutable-fields';
import { KMOD_NODE_BY_NODE_RULE, KMOD_REPLACED_RULE, kmodChangesOf } from './rules/kmod-replaced';
import { MOUNTPATH_REMOVED_RULE } from './rules/mountpath-removed';
import { ON_DELETE_RESTART_RULE } from './rules/on-delete-restart';
import { OPERATOR_WEBHOOK_RULE } from './rules/operator-webhook';
import { PROTOCOL_SWITCHED_RULE } from './rules/protocol-switched';
import { PROXY_RESTART_RULE } from './rules/proxy-restart';
import { createHash } from 'node:crypto';
import { compareNames } from '../k8s/name-order';
import { Runbook } from './runbook/steps';
import { RunbookRule, typedRunbook } from './rules/runbook';
import { runbookText } from './runbook/render-text';
import { ScriptNodes, aisRunbooks } from './runbooks';
import { RELEASE_RENAMED_RULE } from './rules/release-renamed';
import { RETAINED_ON_REMOVAL_RULE } from './rules/retained-on-removal';
import { SERVICE_IMMUTABLE_RULE } from './rules/service-immutable';
import { STATE_DIRECTORY_MOVED_RULE } from './rules/state-directory-moved';
import { TARGET_SCALE_DOWN_RULE } from './rules/target-scale-down';
import { Finding, ObjectChange, ReviewInput, ReviewRule, Severity } from './rules/types';

export type { Finding, ObjectChange, ReviewRule, Severity } from './rules/types';
export type { ScriptNodes } from './runbooks';
export { aisnodeImageChanges } from './rules/ais-facts';
export type { AisnodeImageChange } from './rules/ais-facts';

/**
 * Every rule of the change review, in the order they run and report: the needs-recreate rules
 * first (the dangerous rules ask which objects must be recreated), then the dangerous ones, then notes.
 */
export const REVIEW_RULES: readonly ReviewRule[] = [
  ...IMMUTABLE_FIELD_RULES,
  SERVICE_IMMUTABLE_RULE,
  IMMUTABLE_CONFIG_RULE,
  RELEASE_RENAMED_RULE,
  AIS_WORKLOAD_RULE,
  OPERATOR_WEBHOOK_RULE,
  TARGET_SCALE_DOWN_RULE,
  MOUNTPATH_REMOVED_RULE,
  STATE_DIRECTORY_MOVED_RULE,
  EXTERNAL_LB_TOGGLED_RULE,
  PROTOCOL_SWITCHED_RULE,
  KMOD_REPLACED_RULE,
  RETAINED_ON_REMOVAL_RULE,
  KMOD_NODE_BY_NODE_RULE,
  AURISTOR_CONTROL_PLANE_RULE,
  ON_DELETE_RESTART_RULE,
  PROXY_RESTART_RULE,
];

/**
 * The day-2 procedures the review writes out in text form, after the AIS clusters' typed runbooks
 * (lib/review/runbooks): the AuriStorFS procedures.
 */
export const RUNBOOK_RULES: readonly RunbookRule[] = [AURISTOR_RUNBOOKS];

/** The verdict on one object: what syncing the new output does to it. */
export type Verdict = 'added' | 'removed' | 'in-place' | 'needs-recreate' | 'dangerous';

export interface ReviewedChange extends ObjectChange {
  readonly verdict: Verdict;
  /** `Kind namespace/name` */
  readonly object: string;
}

export interface ChangeReview {
  /** every object that differs, by key */
  readonly changes: readonly ReviewedChange[];
  /** what the rules found, dangerous first, then needs-recreate, then notes */
  readonly findings: readonly Finding[];
  /** whether any finding is dangerous: the synth refuses without --allow-dangerous */
  readonly dangerous: boolean;
  /** objects that are the same in both outputs */
  readonly unchanged: number;
  /**
   * the ordered procedures this change needs, as typed steps (the review prints them, PLAN.md carries them
   * under "Change runbook", synth writes each as a script beside the output)
   */
  readonly runbooks: readonly Runbook[];
  /** identifies the change (a digest of what differs between the two outputs); empty when nothing changed */
  readonly changeId: string;
  /**
   * what the sync does to the AuriStorFS kernel module, one line each (dangerous first): the kmod findings, for the
   * synth summary
   */
  readonly kmodNotes: readonly string[];
}

const SEVERITY_ORDER: readonly Severity[] = ['dangerous', 'recreate', 'note'];

function byKey(manifests: readonly Manifest[]): Map<string, Manifest> {
  return new Map(manifests.map((m) => [objectKey(m), m]));
}

/** Objects added, removed or changed between two outputs, sorted by key. */
export function diffObjects(previous: readonly Manifest[], next: readonly Manifest[]): { changes: ObjectChange[]; unchanged: number } {
  const before = byKey(previous);
  const after = byKey(next);
  const changes: ObjectChange[] = [];
  let unchanged = 0;
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(key);
    const now = after.get(key);
    if (!old) changes.push({ key, action: 'added', next: now, paths: [] });
    else if (!now) changes.push({ key, action: 'removed', previous: old, paths: [] });
    else {
      const paths = changedPaths(old, now);
      if (paths.length === 0) unchanged++;
      else changes.push({ key, action: 'updated', previous: old, next: now, paths });
    }
  }
  return { changes, unchanged };
}

/** How {@link reviewChanges} reads the outputs. */
export interface ReviewOptions {
  /**
   * Node labels of each output's label-nodes.sh (`nodeLabels.output: script`: no Node objects in the
   * output), read with `labelScriptNodes`, so that the runbooks know the nodes.
   * @default - the Node objects of the outputs only
   */
  readonly scriptNodes?: ScriptNodes;
}

/** The node labels of label-nodes.sh, by node name, as one comparable text. */
const scriptLabels = (nodes: readonly Manifest[] | undefined): string =>
  JSON.stringify((nodes ?? []).map((n) => [n.metadata.name, n.metadata.labels ?? {}]).sort(([a], [b]) => compareNames(String(a), String(b))));

/** Whether the label scripts of the two outputs label different nodes (or differently). */
export function scriptLabelsChanged(scripts: ScriptNodes | undefined): boolean {
  return scriptLabels(scripts?.previous) !== scriptLabels(scripts?.next);
}

/**
 * Compares the previous output with the new one and classifies each change: added, removed,
 * in-place update, needs recreate (Kubernetes refuses the update), dangerous (data or
 * availability at risk; the synth refuses without --allow-dangerous). Works on plain objects.
 */
export function reviewChanges(previous: readonly Manifest[], next: readonly Manifest[], options: ReviewOptions = {}): ChangeReview {
  const { changes, unchanged } = diffObjects(previous, next);
  const input: { -readonly [K in keyof ReviewInput]: ReviewInput[K] } = { previous, next, changes, recreated: new Set() };
  const findings: Finding[] = [];
  for (const rule of REVIEW_RULES) {
    const found = rule.check(input);
    findings.push(...found);
    if (rule.severity === 'recreate') input.recreated = new Set([...input.recreated, ...found.flatMap((f) => f.objects)]);
  }
  findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const concerned = (severity: Severity) => new Set(findings.filter((f) => f.severity === severity).flatMap((f) => f.objects));
  const dangerous = concerned('dangerous');
  const recreate = concerned('recreate');
  const verdict = (c: ObjectChange): Verdict => {
    if (dangerous.has(c.key)) return 'dangerous';
    if (recreate.has(c.key)) return 'needs-recreate';
    return c.action === 'updated' ? 'in-place' : c.action;
  };
  // with nodeLabels.output: script, a node moved changes only label-nodes.sh: still a change with a runbook
  const labels = scriptLabelsChanged(options.scriptNodes);
  const runbooks = changes.length === 0 && !labels ? []
    : [...aisRunbooks(input, options.scriptNodes), ...RUNBOOK_RULES.flatMap((rule) => rule.runbooks(input)).map(typedRunbook)];
  const changeId = changes.length === 0 && !labels ? ''
    : createHash('sha256').update(JSON.stringify([changes.map((c) => [c.key, c.action, c.paths, c.next ?? null]), labels ? options.scriptNodes : null])).digest('hex').slice(0, 12);
  return {
    changes: changes.map((c) => ({ ...c, verdict: verdict(c), object: describeObject(c.previous ?? c.next!) })),
    findings,
    dangerous: findings.some((f) => f.severity === 'dangerous'),
    unchanged,
    runbooks,
    changeId,
    kmodNotes: kmodSummary(kmodChangesOf(input)),
  };
}

const VERDICT_ORDER: readonly Verdict[] = ['dangerous', 'needs-recreate', 'removed', 'added', 'in-place'];
const VERDICT_MARK: Record<Verdict, string> = { 'dangerous': 'X', 'needs-recreate': '!', 'removed': '-', 'added': '+', 'in-place': '~' };
const SEVERITY_HEADING: Record<Severity, string> = { dangerous: 'DANGEROUS', recreate: 'NEEDS RECREATE', note: 'Note' };

/** How {@link formatChangeReview} lays out the review. */
export interface ChangeReviewFormatOptions {
  /**
   * At most this many changed objects are listed one by one.
   * @default 40
   */
  readonly maxObjects?: number;
  /**
   * Where the runbook scripts are, from where synth ran (their path is printed so that it runs as
   * shown), and whether this synth wrote them.
   * @default - the path beside the output folder
   */
  readonly runbookScripts?: { readonly folder: string; readonly written: boolean };
}

/**
 * The change review as text for a terminal or a CI log: a one-screen summary (counts, then what to
 * do, in order: dangerous first, then needs-recreate, then notes; then the runbooks' titles), then
 * the details: the objects, each finding, each runbook step by step. Deterministic.
 */
export function formatChangeReview(review: ChangeReview, options: ChangeReviewFormatOptions = {}): string {
  if (review.changes.length === 0) return `Change review: no changes (${review.unchanged} objects unchanged).\n`;
  const counts = VERDICT_ORDER
    .map((v) => [v, review.changes.filter((c) => c.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  const findings = review.findings;
  const lines = [`Change review: ${counts.join(', ')} (${review.unchanged} objects unchanged)`];
  if (findings.length > 0) {
    lines.push('In order:');
    findings.forEach((f, i) => lines.push(`  ${i + 1}. ${SEVERITY_HEADING[f.severity]}: ${f.title} [${f.rule}]`));
  }
  if (review.runbooks.length > 0) {
    lines.push('Runbooks (below, and in PLAN.md under "Change runbook"):');
    for (const runbook of review.runbooks) lines.push(`  - ${runbook.title}`);
  }
  lines.push('', 'Objects:');
  const sorted = [...review.changes].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
  const max = options.maxObjects ?? 40;
  for (const change of sorted.slice(0, max)) {
    const paths = change.paths.length > 4 ? [...change.paths.slice(0, 4), `+${change.paths.length - 4} more`] : change.paths;
    lines.push(`  ${VERDICT_MARK[change.verdict]} ${change.object}  ${change.verdict}${paths.length ? `: ${paths.join(', ')}` : ''}`);
  }
  if (sorted.length > max) lines.push(`  ... and ${sorted.length - max} more`);
  findings.forEach((finding, i) => {
    lines.push('', `${i + 1}. ${SEVERITY_HEADING[finding.severity]}: ${finding.title} [${finding.rule}]`);
    lines.push(`  What happens: ${finding.consequence}.`);
    lines.push(`  ${finding.severity === 'note' ? 'To do' : 'Do first'}: ${finding.action}.`);
  });
  review.runbooks.forEach((runbook, i) => lines.push('', ...runbookText(runbook, i, options.runbookScripts)));
  return `${lines.join('\n')}\n`;
}
