// Process exit codes for the CLI: 0 ok, 2 bad usage, and one per error code.
import type { ErrorCode } from '../server/domain/core/errors.ts';

export const exitCodeOf: Record<ErrorCode, number> = {
  invalid_input: 2,
  invalid_json: 2,
  unsupported_media_type: 2,
  payload_too_large: 2,
  unauthenticated: 3,
  forbidden: 3,
  not_found: 4,
  conflict: 5,
  gone: 5,
  rate_limited: 6,
  unavailable: 7,
  internal: 1,
};

export const usageExitCode = 2;
