/** Stable codes of the runtime's errors; the add-on has its own set. */
export const ErrorCodes = {
  BAD_ARGUMENT: 'BAD_ARGUMENT',
  BAD_URL: 'BAD_URL',
  UNKNOWN_ADDON: 'UNKNOWN_ADDON',
  ADDON_MANIFEST: 'ADDON_MANIFEST',
  UNKNOWN_INFO_KEY: 'UNKNOWN_INFO_KEY',
  SETTING_UNKNOWN: 'SETTING_UNKNOWN',
  SETTING_TYPE: 'SETTING_TYPE',
  SETTING_VALUE: 'SETTING_VALUE',
  SETTINGS_XML: 'SETTINGS_XML',
  LOCK_TIMEOUT: 'LOCK_TIMEOUT',
  LOCK_COMPROMISED: 'LOCK_COMPROMISED',
  WRITE_FAILED: 'WRITE_FAILED',
  PATH_OUTSIDE: 'PATH_OUTSIDE',
  PO_SYNTAX: 'PO_SYNTAX',
  NO_DIRECTORY: 'NO_DIRECTORY',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Base of every runtime error: a stable `code`, a message a user can act on, the `cause` kept. */
export class ShimError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ShimError';
    this.code = code;
  }
}
