import { goDurationSeconds } from '../../../k8s/duration';

/**
 * The samples of a synthetic series, written as promtool's `values` notation (`_x3` three missing samples,
 * `1x3` four samples of 1, `0+10x3` 0 10 20 30, `stale` a staleness marker), one sample per interval.
 */

/** Seconds of a Prometheus duration (`30s`, `1m30s`, `1h`). */
export function durationSeconds(duration: string): number {
  const seconds = goDurationSeconds(duration);
  if (seconds === undefined) throw new Error(`not a duration: ${duration}`);
  return seconds;
}

/** A duration as promtool and PromQL write it: `90s` → `1m30s`, `3600s` → `1h`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/** A stretch of a series: missing, a constant, a counter growing by `perSecond`, or one staleness marker. */
export type Segment =
  | { readonly kind: 'missing'; readonly seconds: number }
  | { readonly kind: 'value'; readonly seconds: number; readonly value: number; readonly perSecond: number }
  | { readonly kind: 'stale' };

/** No sample for `seconds`. */
export const missing = (seconds: number): Segment => ({ kind: 'missing', seconds });
/** `value` for `seconds`. */
export const hold = (value: number, seconds: number): Segment => ({ kind: 'value', seconds, value, perSecond: 0 });
/** A counter at `from`, growing by `perSecond`, for `seconds`. */
export const grow = (from: number, perSecond: number, seconds: number): Segment => ({ kind: 'value', seconds, value: from, perSecond });
/** A staleness marker (the target vanished or the series ended). */
export const STALE: Segment = { kind: 'stale' };

const number = (value: number) => {
  const text = String(Number(value.toPrecision(12)));
  if (/e/.test(text)) throw new Error(`sample value ${value} has no plain decimal form`);
  return text;
};

/** The promtool `values` of `segments` at one sample per `interval` seconds; every stretch must be whole intervals. */
export function renderValues(segments: readonly Segment[], interval: number): string {
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment.kind === 'stale') {
      parts.push('stale');
      continue;
    }
    const samples = segment.seconds / interval;
    if (!Number.isInteger(samples) || samples < 1) throw new Error(`a stretch of ${segment.seconds}s is not whole samples of ${interval}s`);
    if (segment.kind === 'missing') parts.push(`_x${samples}`);
    else if (segment.perSecond === 0) parts.push(samples === 1 ? number(segment.value) : `${number(segment.value)}x${samples - 1}`);
    else parts.push(samples === 1 ? number(segment.value) : `${number(segment.value)}+${number(segment.perSecond * interval)}x${samples - 1}`);
  }
  return parts.join(' ');
}

/** How long `segments` last, in seconds (a staleness marker takes one interval). */
export function segmentsSeconds(segments: readonly Segment[], interval: number): number {
  return segments.reduce((total, s) => total + (s.kind === 'stale' ? interval : s.seconds), 0);
}
