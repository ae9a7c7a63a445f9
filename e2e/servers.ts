/**
 * Where the e2e servers listen: Logsift, and the Loki, Elasticsearch and CloudWatch simulators
 * that its `loki`, `es` and `cw` datasources use (the ports are also in e2e/logsift.e2e.yaml).
 */
export const LOGSIFT_PORT = Number(process.env.E2E_PORT ?? 18080);
export const LOKI_SIM_PORT = 18110;
export const LOKI_SIM_URL = `http://127.0.0.1:${LOKI_SIM_PORT}`;
export const ES_SIM_PORT = 18120;
export const ES_SIM_URL = `http://127.0.0.1:${ES_SIM_PORT}`;
export const CLOUDWATCH_SIM_PORT = 18130;
export const CLOUDWATCH_SIM_URL = `http://127.0.0.1:${CLOUDWATCH_SIM_PORT}`;

/**
 * Credentials the e2e servers are given (playwright.config.ts passes them on): the UI must
 * never receive any of them, which e2e/fixtures.ts checks on every response of every spec.
 */
export const E2E_AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTE2E';
export const E2E_AWS_SECRET_ACCESS_KEY = 'logsift-e2e-secret';
export const E2E_SECRETS: readonly string[] = [E2E_AWS_ACCESS_KEY_ID, E2E_AWS_SECRET_ACCESS_KEY];
