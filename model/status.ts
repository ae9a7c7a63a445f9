/**
 * What /api/v1/status says about the parts of this installation that can fail on their own:
 * each datasource's backend, saved-object storage and the sign-in provider. The app's status strip shows one line per
 * problem; an empty list means all is well.
 */
export type StatusProblem =
  | { component: 'datasource'; id: string; name: string; message: string }
  | { component: 'storage'; driver: string; message: string }
  | { component: 'auth'; issuer: string; message: string };

export interface StatusResponse {
  status: 'ok' | 'degraded' | 'down';
  problems: StatusProblem[];
}
