// Monitoring of an AIS cluster: scrape objects, alert rules, dashboards (docs/monitoring.md).
export * from './props';
export * from './state-flags';
export * from './metrics';
export * from './alert-rules';
export * from './scrape';
export * from './scrape-tls';
export * from './grafana';
export * from './dashboards';
export * from './monitoring';
