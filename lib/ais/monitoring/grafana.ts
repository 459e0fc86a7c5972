/**
 * A small typed model of the Grafana dashboard JSON we emit (schemaVersion 39, Grafana 10/11), with
 * a builder that lays panels out on the 24-column grid. Our own rather than
 * @grafana/grafana-foundation-sdk: that SDK is pre-1.0 (v0.0.x), 11 MB installed and ~800 KB in the
 * CLI bundle (loaded on every run, monitoring on or off), and its defaults (hidden legends, row id 0)
 * would need overriding anyway; the handful of panel types below is all the dashboards use.
 */

/** The dashboard's Prometheus data source: the `datasource` variable. */
export const PROMETHEUS = { type: 'prometheus', uid: '${datasource}' } as const;

export interface GrafanaQuery {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat?: string;
  /** instant query (tables) */
  readonly instant?: boolean;
  readonly format?: 'time_series' | 'table';
  readonly datasource: typeof PROMETHEUS;
}

export interface GridPos { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

export interface ValueMapping {
  readonly type: 'value';
  readonly options: Readonly<Record<string, { readonly text: string; readonly color: string; readonly index: number }>>;
}

export interface Thresholds {
  readonly mode: 'absolute';
  readonly steps: readonly { readonly color: string; readonly value: number | null }[];
}

export type PanelType = 'timeseries' | 'stat' | 'table' | 'state-timeline';

export interface GrafanaPanel {
  readonly id: number;
  readonly type: PanelType | 'row';
  readonly title: string;
  readonly gridPos: GridPos;
  readonly description?: string;
  readonly datasource?: typeof PROMETHEUS;
  readonly targets?: readonly GrafanaQuery[];
  readonly fieldConfig?: {
    readonly defaults: { readonly unit?: string; readonly min?: number; readonly max?: number; readonly decimals?: number; readonly noValue?: string;
      readonly thresholds?: Thresholds; readonly mappings?: readonly ValueMapping[]; readonly color?: { readonly mode: string } };
    readonly overrides: readonly never[];
  };
  readonly options?: Readonly<Record<string, unknown>>;
  readonly collapsed?: boolean;
  readonly panels?: readonly never[];
}

export interface GrafanaVariable {
  readonly type: 'datasource' | 'query';
  readonly name: string;
  readonly label: string;
  readonly query: string | { readonly query: string; readonly refId: string };
  readonly datasource?: typeof PROMETHEUS;
  /** 1: on dashboard load, 2: on time range change */
  readonly refresh?: 1 | 2;
  readonly multi: boolean;
  readonly includeAll: boolean;
  readonly current?: { readonly text: string; readonly value: string };
  readonly sort?: number;
  readonly hide: 0;
}

export interface GrafanaDashboard {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly schemaVersion: number;
  readonly version: number;
  readonly editable: boolean;
  readonly graphTooltip: number;
  readonly timezone: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly refresh: string;
  readonly templating: { readonly list: readonly GrafanaVariable[] };
  readonly annotations: { readonly list: readonly never[] };
  readonly links: readonly { readonly title: string; readonly type: 'dashboards'; readonly tags: readonly string[];
    readonly asDropdown: boolean; readonly includeVars: boolean; readonly keepTime: boolean }[];
  readonly panels: readonly GrafanaPanel[];
}

/** What a panel shows; the builder adds id, layout and data source. */
export interface PanelSpec {
  readonly type: PanelType;
  readonly title: string;
  readonly description?: string;
  /** PromQL queries with their legends */
  readonly queries: readonly (string | { readonly expr: string; readonly legend?: string })[];
  /** Grafana unit id (bytes/sec `Bps`, `ns`, `percent`, `reqps`, `short`) */
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds?: readonly { readonly color: string; readonly value: number | null }[];
  readonly mappings?: readonly ValueMapping[];
  /** what to show when the queries return no data (Grafana's "No data" otherwise) */
  readonly noValue?: string;
  /** width in grid columns (of 24); @default 12 */
  readonly width?: number;
  /** @default 8 */
  readonly height?: number;
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Builds a dashboard; panels flow left to right, rows start a new line. */
export class DashboardBuilder {
  private readonly panels: GrafanaPanel[] = [];
  private readonly variables: GrafanaVariable[] = [];
  private readonly dashboardLinks: GrafanaDashboard['links'][number][] = [];
  private x = 0;
  private y = 0;
  private rowHeight = 0;

  constructor(private readonly uid: string, private readonly title: string, private readonly description: string,
    private readonly tags: readonly string[]) {}

  variable(variable: GrafanaVariable): this {
    this.variables.push(variable);
    return this;
  }

  /** A link to the other dashboards with these tags, carrying the variables along. */
  link(title: string, tags: readonly string[]): this {
    this.dashboardLinks.push({ title, type: 'dashboards', tags, asDropdown: false, includeVars: true, keepTime: true });
    return this;
  }

  row(title: string): this {
    this.newLine();
    this.panels.push({ id: this.panels.length + 1, type: 'row', title, gridPos: { x: 0, y: this.y, w: 24, h: 1 }, collapsed: false, panels: [] });
    this.y += 1;
    return this;
  }

  panel(spec: PanelSpec): this {
    const w = spec.width ?? 12;
    const h = spec.height ?? 8;
    if (this.x + w > 24) this.newLine();
    const targets = spec.queries.map((q, i) => {
      const { expr, legend } = typeof q === 'string' ? { expr: q, legend: undefined } : q;
      const table = spec.type === 'table';
      return { refId: REF_IDS[i], expr, legendFormat: legend, datasource: PROMETHEUS,
        ...(table ? { instant: true, format: 'table' as const } : {}) };
    });
    this.panels.push({
      id: this.panels.length + 1, type: spec.type, title: spec.title, description: spec.description,
      gridPos: { x: this.x, y: this.y, w, h }, datasource: PROMETHEUS, targets,
      fieldConfig: {
        defaults: {
          unit: spec.unit, min: spec.min, max: spec.max, noValue: spec.noValue, mappings: spec.mappings,
          thresholds: spec.thresholds ? { mode: 'absolute', steps: spec.thresholds } : undefined,
          color: spec.thresholds ? { mode: 'thresholds' } : undefined,
        },
        overrides: [],
      },
      options: spec.type === 'timeseries' ? { legend: { showLegend: true, displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi', sort: 'desc' } } : undefined,
    });
    this.x += w;
    this.rowHeight = Math.max(this.rowHeight, h);
    return this;
  }

  build(): GrafanaDashboard {
    return {
      uid: this.uid, title: this.title, description: this.description, tags: this.tags,
      schemaVersion: 39, version: 1, editable: true, graphTooltip: 1, timezone: 'browser',
      time: { from: 'now-6h', to: 'now' }, refresh: '1m',
      templating: { list: this.variables }, annotations: { list: [] }, links: this.dashboardLinks, panels: this.panels,
    };
  }

  private newLine(): void {
    this.y += this.rowHeight;
    this.x = 0;
    this.rowHeight = 0;
  }
}

/** The `datasource` variable every query uses. */
export const datasourceVariable: GrafanaVariable = {
  type: 'datasource', name: 'datasource', label: 'Data source', query: 'prometheus', multi: false, includeAll: false, hide: 0,
};

/** A variable whose values come from a PromQL `label_values(...)` query. */
export function labelValuesVariable(name: string, label: string, query: string, options: { multi?: boolean; current?: string } = {}): GrafanaVariable {
  return {
    type: 'query', name, label, query: { query, refId: `${name}-values` }, datasource: PROMETHEUS, refresh: 2,
    multi: options.multi ?? false, includeAll: options.multi ?? false, sort: 1, hide: 0,
    current: options.current !== undefined ? { text: options.current, value: options.current } : undefined,
  };
}
