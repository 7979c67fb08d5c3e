// The one error type of Kept. Codes are transport-free; http/errors.ts maps them to HTTP
// status and cli/exit-codes.ts to process exit codes.
export const errorCodes = [
  'invalid_input',
  'invalid_json',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A problem with one field: `path` is where it is in the input, e.g. ["events", 3, "occurredAt"]. */
export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

export class KeptError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KeptError';
  }
}

export const notFound = (what: string) => new KeptError('not_found', `${what} was not found`);

export function invalidInput(message: string, problems: FieldProblem[]): KeptError {
  return new KeptError('invalid_input', message, { problems });
}
