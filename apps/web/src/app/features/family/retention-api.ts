import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CloseFamilyRequest,
  CreateDestructionRequest,
  DestructionDecisionRequest,
  DestructionRequestResponse,
  FamilyRetention,
} from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ifMatch } from '../../core/http';

/** Closing/reopening a family's file and early destruction requests (family page and portal). */
@Injectable({ providedIn: 'root' })
export class RetentionApi {
  private readonly http = inject(HttpClient);

  retention(familyId: string): Observable<FamilyRetention> {
    return this.http.get<FamilyRetention>(`/api/families/${familyId}/retention`);
  }

  close(familyId: string, version: number, body: CloseFamilyRequest): Observable<FamilyRetention> {
    return this.http.post<FamilyRetention>(`/api/families/${familyId}/close`, body, { headers: ifMatch(version) });
  }

  reopen(familyId: string, version: number): Observable<FamilyRetention> {
    return this.http.post<FamilyRetention>(`/api/families/${familyId}/reopen`, {}, { headers: ifMatch(version) });
  }

  requests(familyId: string): Observable<DestructionRequestResponse[]> {
    return this.http.get<DestructionRequestResponse[]>(`/api/families/${familyId}/destruction-requests`);
  }

  request(familyId: string, body: CreateDestructionRequest): Observable<DestructionRequestResponse> {
    return this.http.post<DestructionRequestResponse>(`/api/families/${familyId}/destruction-requests`, body);
  }

  decide(requestId: string, version: number, body: DestructionDecisionRequest): Observable<DestructionRequestResponse> {
    return this.http.post<DestructionRequestResponse>(`/api/destruction-requests/${requestId}/decision`, body, {
      headers: ifMatch(version),
    });
  }
}
