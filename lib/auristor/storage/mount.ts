/** What an AuriStorFS CSI volume mounts: the `mount-type` volume attributes / StorageClass parameters. */
export class AuristorMount {
  /**
   * One volume of one cell (`mount-type: volume`, `cell-name`, `volume-name`).
   *
   * @param cell cell name, e.g. `auristor.com`
   * @param volume volume name, e.g. `k8s.demo`
   */
  public static volume(cell: string, volume: string): AuristorMount {
    if (!cell.trim()) throw new Error('an AuriStorFS volume mount needs a cell name');
    if (!volume.trim()) throw new Error(`an AuriStorFS volume mount needs a volume name (cell "${cell}")`);
    return new AuristorMount({ 'mount-type': 'volume', 'cell-name': cell, 'volume-name': volume });
  }

  /** The AuriStorFS root, `/afs` with every cell (`mount-type: root`). */
  public static root(): AuristorMount {
    return new AuristorMount({ 'mount-type': 'root' });
  }

  private constructor(private readonly attrs: Record<string, string>) {}

  /** The CSI volume attributes (also the StorageClass parameters). */
  public get attributes(): Record<string, string> {
    return { ...this.attrs };
  }
}
