import { randomUUID } from 'node:crypto';

/** An AWS JSON 1.1 error: `{"__type": code, "message"}` plus any modelled members. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { __type: this.code, message: this.message, ...this.extra };
  }
}

export const invalidParameter = (message: string) =>
  new AwsError('InvalidParameterException', message);

export const resourceNotFound = (message: string) =>
  new AwsError('ResourceNotFoundException', message);

/** The wording of the service's model validation ("1 validation error detected: …"). */
export function validationError(value: unknown, member: string, constraint: string): AwsError {
  return invalidParameter(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * Some messages of the service end with the Java client text of the call it made inside, as
 * the StopQuery fixture shows; the request id there is the inner call's.
 */
export function withServiceSuffix(message: string, code: string): string {
  return `${message} (Service: AWSLogs; Status Code: 400; Error Code: ${code}; Request ID: ${randomUUID()}; Proxy: null)`;
}
