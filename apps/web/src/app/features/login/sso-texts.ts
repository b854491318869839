import { SSO_ERRORS, type SsoError } from '@gezinsplan/contracts';
import { defineTexts } from '../../core/i18n';

/** Why an SSO login did not work, in plain words (the callback sends `sso_error=<code>`). */
export const SSO_ERROR_TEXTS = defineTexts<SsoError>(
  {
    cancelled: 'Inloggen bij uw organisatie is afgebroken. Probeer het opnieuw.',
    state: 'Deze inlogpoging is verlopen of ongeldig. Start opnieuw met inloggen via uw organisatie.',
    unavailable:
      'Inloggen via uw organisatie is nu niet mogelijk. Log in met e-mail en wachtwoord of probeer het later opnieuw.',
    token: 'Uw organisatie kon uw inlog niet bevestigen. Probeer het opnieuw of neem contact op met uw beheerder.',
    account:
      'Er is geen actief account van uw organisatie in Gezinsplan voor deze inlog. Vraag uw beheerder om een account.',
  },
  {
    cancelled: 'Logging in at your organisation was cancelled. Please try again.',
    state: 'This login attempt has expired or is not valid. Start again with logging in via your organisation.',
    unavailable:
      'Logging in via your organisation is not possible right now. Log in with e-mail and password or try again later.',
    token: 'Your organisation could not confirm your login. Try again or contact your administrator.',
    account:
      'There is no active account of your organisation in Gezinsplan for this login. Ask your administrator for one.',
  },
);

export function ssoErrorOf(value: string | null | undefined): SsoError | null {
  return value && (SSO_ERRORS as readonly string[]).includes(value) ? (value as SsoError) : null;
}
