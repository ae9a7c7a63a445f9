/**
 * Where the e2e servers listen: Logsift, and the Loki and Elasticsearch simulators that its
 * `loki` and `es` datasources use (the ports are also written in e2e/logsift.e2e.yaml).
 */
export const LOGSIFT_PORT = Number(process.env.E2E_PORT ?? 18080);
export const LOKI_SIM_PORT = 18110;
export const LOKI_SIM_URL = `http://127.0.0.1:${LOKI_SIM_PORT}`;
export const ES_SIM_PORT = 18120;
export const ES_SIM_URL = `http://127.0.0.1:${ES_SIM_PORT}`;
