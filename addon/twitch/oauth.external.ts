import { assertObject, numberField, optionalNumber, optionalString, stringArrayField, stringField } from './assert.js';

/** `POST /oauth2/device` success body. */
export interface DeviceAuthorizationBody {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval?: number;
}

/** `POST /oauth2/token` success body (device grant and refresh); `scope` is an array at Twitch. */
export interface TokenBody {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string[];
  token_type: string;
}

/** `GET /oauth2/validate` success body; `scopes` may be null. */
export interface ValidateBody {
  client_id: string;
  login: string;
  user_id: string;
  scopes: string[] | null;
  expires_in: number;
}

/** Checks a device authorization body field by field. */
export function parseDeviceAuthorizationBody(json: unknown): DeviceAuthorizationBody {
  const what = 'device authorization';
  assertObject(json, what);
  return {
    device_code: stringField(json, 'device_code', what),
    user_code: stringField(json, 'user_code', what),
    verification_uri: stringField(json, 'verification_uri', what),
    expires_in: numberField(json, 'expires_in', what),
    interval: json.interval === undefined || json.interval === null ? undefined : numberField(json, 'interval', what),
  };
}

/** Checks a token body field by field; `what` names the step for the error message. */
export function parseTokenBody(json: unknown, what: string): TokenBody {
  assertObject(json, what);
  return {
    access_token: stringField(json, 'access_token', what),
    refresh_token: stringField(json, 'refresh_token', what),
    expires_in: numberField(json, 'expires_in', what),
    // Twitch sends an array; a space-separated string (RFC 6749) is accepted too.
    scope: typeof json.scope === 'string' ? json.scope.split(' ').filter(Boolean) : stringArrayField(json, 'scope', what),
    token_type: optionalString(json, 'token_type', what) || 'bearer',
  };
}

/** Checks a validate body field by field. */
export function parseValidateBody(json: unknown): ValidateBody {
  const what = 'token validation';
  assertObject(json, what);
  return {
    client_id: stringField(json, 'client_id', what),
    login: optionalString(json, 'login', what),
    user_id: optionalString(json, 'user_id', what),
    scopes: stringArrayField(json, 'scopes', what),
    expires_in: optionalNumber(json, 'expires_in', what, 0),
  };
}
