/** Whether an image reference is pinned: a digest, or an explicit tag other than `latest`. */
export function isPinnedImage(ref: string): boolean {
  if (ref.includes('@sha256:')) return true;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  if (colon < 0) return false;
  return ref.slice(colon + 1) !== 'latest';
}
