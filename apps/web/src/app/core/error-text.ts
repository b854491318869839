import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorCode, ErrorResponse } from '@gezinsplan/contracts';
import type { Lang } from './i18n';

/** Plain language for the API's error codes, in both interface languages. */
const TEXT: Record<Lang, Partial<Record<ErrorCode, string>> & { offline: string; unknown: string }> = {
  nl: {
    INVALID_CREDENTIALS: 'Het e-mailadres of het wachtwoord klopt niet.',
    LOGIN_LOCKED: 'U heeft te vaak een verkeerd wachtwoord ingevuld. Wacht een paar minuten en probeer het opnieuw.',
    RATE_LIMITED: 'Er zijn te veel pogingen gedaan. Probeer het over een minuut opnieuw.',
    VALIDATION_FAILED: 'Niet alles is goed ingevuld. Controleer de velden.',
    MALFORMED_JSON: 'De gegevens konden niet worden gelezen. Probeer het opnieuw.',
    UNAUTHENTICATED: 'Uw sessie is verlopen. Log opnieuw in.',
    FORBIDDEN: 'U heeft geen toegang tot deze gegevens.',
    NOT_FOUND: 'Dit hebben we niet kunnen vinden.',
    VERSION_CONFLICT: 'Iemand anders heeft dit net aangepast. Bekijk beide versies.',
    PRECONDITION_REQUIRED: 'Laad de pagina opnieuw en probeer het nog eens.',
    INVALID_PRECONDITION: 'Laad de pagina opnieuw en probeer het nog eens.',
    PAYLOAD_TOO_LARGE: 'De tekst is te lang.',
    SERVICE_UNAVAILABLE: 'Gezinsplan is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    UNPROCESSABLE: 'Dit kan niet in de huidige situatie van het dossier.',
    offline: 'Er is geen verbinding met de server. Controleer uw internetverbinding.',
    unknown: 'Er ging iets mis. Probeer het later opnieuw.',
  },
  en: {
    INVALID_CREDENTIALS: 'The e-mail address or the password is not correct.',
    LOGIN_LOCKED: 'Too many wrong passwords. Wait a few minutes and try again.',
    RATE_LIMITED: 'Too many attempts. Try again in a minute.',
    VALIDATION_FAILED: 'Not everything is filled in correctly. Check the fields.',
    MALFORMED_JSON: 'The data could not be read. Please try again.',
    UNAUTHENTICATED: 'Your session has ended. Please log in again.',
    FORBIDDEN: 'You do not have access to this information.',
    NOT_FOUND: 'We could not find this.',
    VERSION_CONFLICT: 'Someone else has just changed this. Look at both versions.',
    PRECONDITION_REQUIRED: 'Reload the page and try again.',
    INVALID_PRECONDITION: 'Reload the page and try again.',
    PAYLOAD_TOO_LARGE: 'The text is too long.',
    SERVICE_UNAVAILABLE: 'Gezinsplan is briefly unavailable. Try again in a few minutes.',
    UNPROCESSABLE: 'This is not possible in the current state of the file.',
    offline: 'There is no connection to the server. Check your internet connection.',
    unknown: 'Something went wrong. Please try again later.',
  },
};

/** The API's error code, when the error came from the API. */
export function errorCode(err: unknown): ErrorCode | null {
  if (!(err instanceof HttpErrorResponse)) return null;
  return (err.error as Partial<ErrorResponse> | null)?.code ?? null;
}

/**
 * A sentence for the user. For a 422 (a business rule said no) in English the API's own (English) message is
 * the most precise explanation, so it is shown as is; Dutch screens map the rules they know themselves.
 */
export function errorText(err: unknown, lang: Lang = 'nl'): string {
  const texts = TEXT[lang];
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) return texts.offline;
    const body = err.error as Partial<ErrorResponse> | null;
    if (lang === 'en' && body?.code === 'UNPROCESSABLE' && typeof body.message === 'string') return body.message;
    const text = body?.code ? texts[body.code] : undefined;
    if (text) return text;
  }
  return texts.unknown;
}
