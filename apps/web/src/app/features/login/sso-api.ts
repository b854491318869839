import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SsoOrganisationOption } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';

/** Single sign-on for professionals: which organisations offer it, and where a login starts. */
@Injectable({ providedIn: 'root' })
export class SsoApi {
  private readonly http = inject(HttpClient);

  organisations(): Observable<SsoOrganisationOption[]> {
    return this.http.get<SsoOrganisationOption[]>('/api/auth/sso/organisations');
  }

  /** A full-page navigation target: the API answers with a redirect to the organisation's IdP. */
  startUrl(organisationId: string): string {
    return `/api/auth/sso/${encodeURIComponent(organisationId)}/start`;
  }
}
