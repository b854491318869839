import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccessLogEntry,
  AgreeVersionRequest,
  CommentResponse,
  CreateCommentRequest,
  EvaluationResponse,
  FamilyDetail,
  FamilyMemberResponse,
  GoalResponse,
  LifeDomain,
  Page,
  PlanResponse,
  PlanVersionResponse,
  SatisfactionRequest,
  SharingRequest,
} from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ReadAhead } from '../../core/read-ahead';

/** Typed calls of the parent and youth portal, on the contract types shared with the API. */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly http = inject(HttpClient);
  private readonly readAhead = inject(ReadAhead);

  // The page's first family, plan and evaluations reads were usually read ahead by the route (portal.routes.ts).
  family(familyId: string): Observable<FamilyDetail> {
    return this.readAhead.get<FamilyDetail>(`/api/families/${familyId}`);
  }

  plan(familyId: string): Observable<PlanResponse> {
    return this.readAhead.get<PlanResponse>(`/api/families/${familyId}/plan`);
  }

  version(familyId: string, number: number): Observable<PlanVersionResponse> {
    return this.http.get<PlanVersionResponse>(`/api/families/${familyId}/plan/versions/${number}`);
  }

  agree(familyId: string, body: AgreeVersionRequest): Observable<PlanVersionResponse> {
    return this.http.post<PlanVersionResponse>(`/api/families/${familyId}/plan/versions`, body);
  }

  proposeGoal(familyId: string, body: { title: string; lifeDomain: LifeDomain }): Observable<GoalResponse> {
    return this.http.post<GoalResponse>(`/api/families/${familyId}/plan/goal-proposals`, body);
  }

  comment(goalId: string, body: CreateCommentRequest): Observable<CommentResponse> {
    return this.http.post<CommentResponse>(`/api/goals/${goalId}/comments`, body);
  }

  accessLog(
    familyId: string,
    page: { limit: number; offset: number; from?: string; to?: string },
  ): Observable<Page<AccessLogEntry>> {
    let params = new HttpParams().set('limit', page.limit).set('offset', page.offset);
    if (page.from) params = params.set('from', page.from);
    if (page.to) params = params.set('to', page.to);
    return this.http.get<Page<AccessLogEntry>>(`/api/families/${familyId}/access-log`, { params });
  }

  evaluations(familyId: string): Observable<EvaluationResponse[]> {
    return this.readAhead.get<EvaluationResponse[]>(`/api/families/${familyId}/evaluations`);
  }

  satisfaction(familyId: string, evaluationId: string, body: SatisfactionRequest): Observable<EvaluationResponse> {
    return this.http.post<EvaluationResponse>(
      `/api/families/${familyId}/evaluations/${evaluationId}/satisfaction`,
      body,
    );
  }

  sharing(body: SharingRequest): Observable<FamilyMemberResponse> {
    return this.http.put<FamilyMemberResponse>('/api/me/sharing', body);
  }
}
