// Monitoring of an AIS cluster: scrape objects, alert rules, dashboards (docs/monitoring.md).
export * from './props';
export * from './state-flags';
export * from './aisnode-metrics';
export * from './promql';
export * from './alert-rules';
export * from './scrape';
export * from './scrape-tls';
export * from './grafana';
export * from './dashboards';
export * from './monitoring';
export * from './rule-tests/ais-rule-tests';
