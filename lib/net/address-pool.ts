/** An IPv4 address range, parsed from `a.b.c.d-e.f.g.h` or `a.b.c.d/n` (MetalLB pool syntax). */
export interface AddressRange {
  readonly first: number;
  readonly last: number;
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Parses a pool; undefined when it is neither a range nor a CIDR. */
export function parseAddressPool(pool: string): AddressRange | undefined {
  if (pool.includes('-')) {
    const [a, b, extra] = pool.split('-');
    const first = ipToNumber(a);
    const last = ipToNumber(b ?? '');
    if (extra !== undefined || first === undefined || last === undefined || last < first) return undefined;
    return { first, last };
  }
  const [ip, bits, extra] = pool.split('/');
  const base = ipToNumber(ip);
  if (extra !== undefined || base === undefined || !/^\d{1,2}$/.test(bits ?? '') || Number(bits) > 32) return undefined;
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

export function poolSize(range: AddressRange): number {
  return range.last - range.first + 1;
}

export function poolContains(range: AddressRange, ip: string): boolean {
  const value = ipToNumber(ip);
  return value !== undefined && value >= range.first && value <= range.last;
}

function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The first `count` addresses of the pool, in order, skipping `exclude` (e.g. the gateway IP). */
export function allocateAddresses(range: AddressRange, count: number, exclude: readonly string[] = []): string[] {
  const result: string[] = [];
  for (let value = range.first; value <= range.last && result.length < count; value++) {
    const ip = numberToIp(value);
    if (!exclude.includes(ip)) result.push(ip);
  }
  if (result.length < count) throw new Error(`address pool has ${result.length} free addresses, ${count} needed`);
  return result;
}

/** The range without `ip`, as MetalLB pool entries (`a-b` ranges; `x/32` for a single address): none, one or two. */
export function rangesWithout(range: AddressRange, ip: string): string[] {
  const value = ipToNumber(ip);
  const parts: Array<[number, number]> = value === undefined || value < range.first || value > range.last
    ? [[range.first, range.last]]
    : [[range.first, value - 1], [value + 1, range.last]];
  return parts.filter(([a, b]) => a <= b).map(([a, b]) => (a === b ? `${numberToIp(a)}/32` : `${numberToIp(a)}-${numberToIp(b)}`));
}
