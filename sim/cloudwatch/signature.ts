import type { IncomingMessage } from 'node:http';
import { AwsError } from './awsError';

const PARTS = ['Credential', 'SignedHeaders', 'Signature'];

/**
 * Checks that a request is SigV4-signed for `logs` in the simulator's region, as AWS would
 * before anything else; the signature itself is not verified.
 */
export function checkSignature(req: IncomingMessage, region: string): void {
  const header = req.headers.authorization;
  if (!header)
    throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme !== 'AWS4-HMAC-SHA256') {
    throw new AwsError('IncompleteSignatureException', `Unsupported authorization type: ${scheme}`);
  }
  const params = new Map(
    rest
      .join(' ')
      .split(/,\s*/)
      .map((p) => p.split('=', 2) as [string, string | undefined]),
  );
  const missing = PARTS.filter((p) => !params.get(p));
  if (missing.length > 0) {
    throw new AwsError(
      'IncompleteSignatureException',
      `${missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ')} Authorization=${header}`,
    );
  }
  const scope = /^[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(
    params.get('Credential') ?? '',
  );
  if (!scope) {
    throw new AwsError(
      'IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.get('Credential')}'`,
    );
  }
  if (scope[3] !== 'logs') {
    throw new AwsError(
      'InvalidSignatureException',
      "Credential should be scoped to correct service: 'logs'. ",
    );
  }
  if (scope[2] !== region) {
    throw new AwsError(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${scope[2]}'. `,
    );
  }
}
