const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const QUANTITY = /^([+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|([KMGTPE]i|[mkMGTPE])?)$/;

/** What a quantity looks like, as a JSON Schema pattern (the editor schema shows what {@link quantityValue} parses). */
export const QUANTITY_PATTERN = QUANTITY.source;

/**
 * The numeric value of a Kubernetes quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go:
 * decimal SI, binary SI or decimal exponent suffixes), or undefined when it is not one.
 */
export function quantityValue(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return quantity;
  const match = QUANTITY.exec(quantity);
  if (!match) return undefined;
  if (match[2]) return Number(`${match[1]}${match[2]}`);
  return Number(match[1]) * SUFFIX[match[3] ?? ''];
}
