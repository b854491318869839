import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AllocationResponse,
  CreateAllocationRequest,
  UpdateAllocationRequest,
  CreateMemberRequest,
  CreateNetworkMemberRequest,
  FamilyDetail,
  FamilyMemberResponse,
  HandoverRequest,
  OrganisationResponse,
  InvolvementResponse,
  NetworkMemberResponse,
  PlanResponse,
  RegieResponse,
  ZrmMemberOverview,
} from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ifMatch } from '../../core/http';

/** Typed calls of the family page, on the contract types shared with the API. */
@Injectable({ providedIn: 'root' })
export class FamilyApi {
  private readonly http = inject(HttpClient);

  family(id: string): Observable<FamilyDetail> {
    return this.http.get<FamilyDetail>(`/api/families/${id}`);
  }

  rename(id: string, version: number, displayName: string): Observable<FamilyDetail> {
    return this.http.patch<FamilyDetail>(`/api/families/${id}`, { displayName }, { headers: ifMatch(version) });
  }

  addMember(id: string, body: CreateMemberRequest): Observable<FamilyMemberResponse> {
    return this.http.post<FamilyMemberResponse>(`/api/families/${id}/members`, body);
  }

  addNetworkMember(id: string, body: CreateNetworkMemberRequest): Observable<NetworkMemberResponse> {
    return this.http.post<NetworkMemberResponse>(`/api/families/${id}/network`, body);
  }

  involvements(id: string): Observable<InvolvementResponse[]> {
    return this.http.get<InvolvementResponse[]>(`/api/families/${id}/involvements`);
  }

  involve(id: string, organisationId: string, consentGivenBy?: string): Observable<InvolvementResponse> {
    return this.http.post<InvolvementResponse>(`/api/families/${id}/involvements`, {
      organisationId,
      ...(consentGivenBy ? { consentGivenBy } : {}),
    });
  }

  giveConsent(involvementId: string, givenBy: string): Observable<InvolvementResponse> {
    return this.http.post<InvolvementResponse>(`/api/involvements/${involvementId}/consent`, { givenBy });
  }

  withdrawConsent(involvementId: string): Observable<InvolvementResponse> {
    return this.http.post<InvolvementResponse>(`/api/involvements/${involvementId}/consent/withdraw`, {});
  }

  regie(id: string): Observable<RegieResponse> {
    return this.http.get<RegieResponse>(`/api/families/${id}/regie`);
  }

  handover(id: string, body: HandoverRequest): Observable<RegieResponse> {
    return this.http.post<RegieResponse>(`/api/families/${id}/regie/handover`, body);
  }

  zrm(id: string): Observable<ZrmMemberOverview[]> {
    return this.http.get<ZrmMemberOverview[]>(`/api/families/${id}/zrm`);
  }

  allocations(id: string): Observable<AllocationResponse[]> {
    return this.http.get<AllocationResponse[]>(`/api/families/${id}/allocations`);
  }

  allocate(id: string, body: CreateAllocationRequest): Observable<AllocationResponse> {
    return this.http.post<AllocationResponse>(`/api/families/${id}/allocations`, body);
  }

  /** The provider confirms the start (JW305) or the end with its iJw reason (JW307). */
  updateAllocation(id: string, version: number, body: UpdateAllocationRequest): Observable<AllocationResponse> {
    return this.http.patch<AllocationResponse>(`/api/allocations/${id}`, body, { headers: ifMatch(version) });
  }

  plan(id: string): Observable<PlanResponse> {
    return this.http.get<PlanResponse>(`/api/families/${id}/plan`);
  }

  /** The directory of organisations (the access team may read it), to involve and to allocate help to. */
  organisations(): Observable<OrganisationResponse[]> {
    return this.http.get<OrganisationResponse[]>('/api/organisations');
  }
}
