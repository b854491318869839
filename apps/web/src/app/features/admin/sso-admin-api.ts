import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SsoConfigRequest, SsoConfigResponse } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ifMatch } from '../../core/http';

/** An organisation's single sign-on configuration (admin); the client secret is write-only. */
@Injectable({ providedIn: 'root' })
export class SsoAdminApi {
  private readonly http = inject(HttpClient);

  get(organisationId: string): Observable<SsoConfigResponse> {
    return this.http.get<SsoConfigResponse>(`/api/organisations/${organisationId}/sso`);
  }

  put(organisationId: string, version: number, body: SsoConfigRequest): Observable<SsoConfigResponse> {
    return this.http.put<SsoConfigResponse>(`/api/organisations/${organisationId}/sso`, body, {
      headers: ifMatch(version),
    });
  }
}
