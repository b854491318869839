import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorResponse } from '@gezinsplan/contracts';

/** Plain-language Dutch for the API's error codes. */
const TEXT: Partial<Record<ErrorResponse['code'], string>> = {
  INVALID_CREDENTIALS: 'Het e-mailadres of het wachtwoord klopt niet.',
  LOGIN_LOCKED: 'U heeft te vaak een verkeerd wachtwoord ingevuld. Wacht een paar minuten en probeer het opnieuw.',
  RATE_LIMITED: 'Er zijn te veel pogingen gedaan. Probeer het over een minuut opnieuw.',
  VALIDATION_FAILED: 'Niet alles is goed ingevuld. Controleer de velden.',
  UNAUTHENTICATED: 'Uw sessie is verlopen. Log opnieuw in.',
  FORBIDDEN: 'U heeft geen toegang tot deze gegevens.',
  NOT_FOUND: 'Dit hebben we niet kunnen vinden.',
};

export function errorText(err: unknown): string {
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) return 'Er is geen verbinding met de server. Controleer uw internetverbinding.';
    const code = (err.error as Partial<ErrorResponse> | null)?.code;
    if (code && TEXT[code]) return TEXT[code];
  }
  return 'Er ging iets mis. Probeer het later opnieuw.';
}
