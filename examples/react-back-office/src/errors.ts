import { SwitchboardError } from '@switchboard/client';

/**
 * What to tell the user about a failed call: the server's message, with each field a 422 names
 * ("email: must be an email address…"), or that the server cannot be reached.
 */
export function describeError(error: unknown): string {
  if (error instanceof SwitchboardError) {
    const fields = error.code === 'validation_failed' && isTextRecord(error.details)
      ? Object.entries(error.details).map(([field, problem]) => `${field}: ${problem}`)
      : [];
    return [error.message, ...fields].join(' — ');
  }
  if (error instanceof TypeError) return 'Cannot reach the Switchboard server.';
  return String(error);
}

function isTextRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}
