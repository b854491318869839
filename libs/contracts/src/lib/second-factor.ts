import type { LoginResponse } from './auth';

/**
 * Login with a second factor (TOTP, RFC 6238). POST /api/auth/login answers either a session
 * (`SessionResponse`) or, when a second factor is needed, a `SecondFactorChallenge` without any cookie.
 */
export type SecondFactorStep = 'required' | 'enrolment-required';

export interface SecondFactorChallenge {
  /** `required`: send a code (or a recovery code); `enrolment-required`: set up an authenticator app first. */
  mfa: SecondFactorStep;
  /** Short-lived (5 minutes), signed, only good for this one step of this login. */
  mfaToken: string;
  expiresIn: number;
}

/** A session, plus how long the user may be idle before it ends (the web app logs out on its own too). */
export interface SessionResponse extends LoginResponse {
  idleTimeoutSeconds: number;
}

export type LoginResult = SessionResponse | SecondFactorChallenge;

export function isSecondFactorChallenge(result: LoginResult): result is SecondFactorChallenge {
  return 'mfa' in result;
}

/** POST /api/auth/login/second-factor: exactly one of `code` and `recoveryCode`. */
export interface SecondFactorLoginRequest {
  mfaToken: string;
  code?: string;
  recoveryCode?: string;
}

/** POST /api/auth/login/enrolment: `{ mfaToken }`; /confirm adds the first code. */
export interface EnrolmentLoginRequest {
  mfaToken: string;
  code?: string;
}

/** A new TOTP secret: scan the QR code, or type the key. Stays pending until the first code confirms it. */
export interface TotpEnrolment {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  otpauthUri: string;
  /** `data:image/svg+xml;base64,...` of the otpauth URI. */
  qrCodeDataUrl: string;
}

/** Ten one-time recovery codes, shown once; only their hashes are stored. */
export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

export interface EnrolledSessionResponse extends SessionResponse, RecoveryCodesResponse {}

export interface SecondFactorStatus {
  enabled: boolean;
  /** This account must use a second factor (it cannot be turned off). */
  required: boolean;
  recoveryCodesLeft: number;
}

export interface TotpCodeRequest {
  code: string;
}

export interface DisableSecondFactorRequest {
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export const RECOVERY_CODE_COUNT = 10;
