/**
 * The order `String.prototype.localeCompare` gives printable ASCII text, without it: the first
 * localeCompare of a process starts ICU's collator (~15 ms of a ~0.3 s synth, issue 25). Names,
 * kinds, label keys and paths are printable ASCII; other text falls back to localeCompare.
 * Like ICU's root collation: first the characters' primary order (punctuation, then digits, then
 * letters with case ignored), then case (lower before upper), then code units.
 * test/k8s/name-order.test.ts checks it against localeCompare.
 */
const PRIMARY_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

const PRIMARY = new Uint8Array(128).fill(255);
for (let i = 0; i < PRIMARY_ORDER.length; i++) {
  PRIMARY[PRIMARY_ORDER.charCodeAt(i)] = i;
  const upper = PRIMARY_ORDER[i].toUpperCase().charCodeAt(0);
  if (upper !== PRIMARY_ORDER.charCodeAt(i)) PRIMARY[upper] = i;
}

const isPrintableAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
};

/** Compares two names as `a.localeCompare(b)` would (its sign), for sorting. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) return a.localeCompare(b);
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = PRIMARY[a.charCodeAt(i)] - PRIMARY[b.charCodeAt(i)];
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // same letters, other case: the first lowercase letter where they differ comes first
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}
