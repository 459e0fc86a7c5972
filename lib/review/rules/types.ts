import { Manifest } from '../../k8s/manifest';

/** How bad a finding is: it blocks the synth, it needs manual work, or it is worth knowing. */
export type Severity = 'dangerous' | 'recreate' | 'note';

/** One object that differs between the previous and the new output. */
export interface ObjectChange {
  /** identity: `group/Kind namespace/name` (see `objectKey`) */
  readonly key: string;
  readonly action: 'added' | 'removed' | 'updated';
  readonly previous?: Manifest;
  readonly next?: Manifest;
  /** dotted paths of the fields that changed (updates only) */
  readonly paths: readonly string[];
}

/** An object present in both outputs (with its two versions). */
export interface ObjectUpdate extends ObjectChange {
  readonly action: 'updated';
  readonly previous: Manifest;
  readonly next: Manifest;
}

/** What a rule found: what changed, what will happen, and what to do first. */
export interface Finding {
  /** id of the rule that found it */
  readonly rule: string;
  readonly severity: Severity;
  /** keys of the objects it concerns */
  readonly objects: readonly string[];
  /** what changed, one line */
  readonly title: string;
  /** what Kubernetes / Argo CD / AIS / AuriStorFS will do if this is synced */
  readonly consequence: string;
  /** what to do before (or instead of) syncing */
  readonly action: string;
}

/** What every rule sees. */
export interface ReviewInput {
  readonly previous: readonly Manifest[];
  readonly next: readonly Manifest[];
  readonly changes: readonly ObjectChange[];
  /** keys of updated objects that Kubernetes cannot update in place (known once the recreate rules ran) */
  readonly recreated: ReadonlySet<string>;
}

/** One concept of the change review. */
export interface ReviewRule {
  readonly id: string;
  readonly severity: Severity;
  /** why Kubernetes, Argo CD, AIS or AuriStorFS makes this change need recreation or dangerous */
  readonly why: string;
  readonly check: (input: ReviewInput) => Finding[];
}

export function isUpdate(change: ObjectChange): change is ObjectUpdate {
  return change.action === 'updated';
}

/** The last step of every dangerous finding's advice. */
export const ALLOW_DANGEROUS = 'run synth again with --allow-dangerous, commit, and sync';
