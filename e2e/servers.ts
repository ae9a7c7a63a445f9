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
/** A second Logsift with `server.basePath`, behind nginx at that path (e2e/nginx/start.ts). */
export const SUBPATH = '/logs';
export const SUBPATH_LOGSIFT_PORT = 18082;
export const NGINX_PORT = 18090;
export const NGINX_URL = `http://127.0.0.1:${NGINX_PORT}`;
/** The second Logsift, with sign-in by built-in users (e2e/logsift.auth.e2e.yaml). */
export const AUTH_LOGSIFT_PORT = 18081;
export const AUTH_LOGSIFT_URL = `http://127.0.0.1:${AUTH_LOGSIFT_PORT}`;
/** The OpenID provider (oidc-provider) that e2e/auth.spec.ts starts for its OIDC Logsift. */
export const OIDC_PROVIDER_PORT = 18140;

/**
 * Credentials the e2e servers are given (playwright.config.ts passes them on): the UI must
 * never receive any of them, which e2e/fixtures.ts checks on every response of every spec.
 */
export const E2E_AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTE2E';
export const E2E_AWS_SECRET_ACCESS_KEY = 'logsift-e2e-secret';
/** Signs the session cookies of the sign-in Logsift (e2e/logsift.auth.e2e.yaml). */
export const E2E_SESSION_SECRET = 'logsift-e2e-session-secret';
export const E2E_SECRETS: readonly string[] = [
  E2E_AWS_ACCESS_KEY_ID,
  E2E_AWS_SECRET_ACCESS_KEY,
  E2E_SESSION_SECRET,
];
