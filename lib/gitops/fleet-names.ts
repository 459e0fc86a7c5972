/** The parts of a site's output each ApplicationSet delivers (the `outputParts` of lib/gitops/argo-applications.ts). */
export const FLEET_PRODUCTS = ['ais', 'auristor'] as const;
export type FleetProduct = typeof FLEET_PRODUCTS[number];

/** A site's Application of one product: `<fleet>-<site>-<product>`. */
export function fleetApplicationName(fleet: string, site: string, product: string): string {
  return `${fleet}-${site}-${product}`;
}

/** The ApplicationSet of one product: `<fleet>-<product>`. */
export function applicationSetName(fleet: string, product: string): string {
  return `${fleet}-${product}`;
}

/** Where a site's output lies under the fleet root. */
export function siteFolder(site: string): string {
  return `sites/${site}`;
}

/** The descriptor the ApplicationSet of `product` reads for a site, relative to the site folder (Git files generator). */
export function descriptorFile(product: string): string {
  return `argocd/${product}.json`;
}
