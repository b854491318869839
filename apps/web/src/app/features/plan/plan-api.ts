import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgreeVersionRequest,
  AgreementResponse,
  CommentResponse,
  CreateAgreementRequest,
  CreateGoalRequest,
  CreateProgressRequest,
  FamilyDetail,
  GoalResponse,
  PlanDiffResponse,
  PlanResponse,
  PlanVersionResponse,
  PlanVersionSummary,
  ProgressResponse,
} from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ifMatch } from '../../core/http';
import { ReadAhead } from '../../core/read-ahead';

/**
 * A change that may have to wait (offline) or be repeated (conflict): plain data, so it can be kept in
 * localStorage and sent again after a reload.
 */
export interface PendingEdit {
  /** Unique per edit; a newer edit of the same item and field replaces an older one in the queue. */
  key: string;
  method: 'PATCH' | 'POST';
  url: string;
  body: Record<string, unknown>;
  /** The item's version the edit was based on (PATCH only: sent as If-Match). */
  baseVersion: number | null;
  /** The item changed (for highlighting and the "not sent yet" marker). */
  itemId: string;
  /** Which field holds free text that can be merged by hand in a conflict. */
  textField: string | null;
  /** What the user sees in the queue and the conflict dialog. */
  label: string;
}

/** Typed calls of the plan screen, on the contract types shared with the API. */
@Injectable({ providedIn: 'root' })
export class PlanApi {
  private readonly http = inject(HttpClient);
  private readonly readAhead = inject(ReadAhead);

  // The first read of the family, the plan and its versions takes what the plan's route read ahead.
  family(familyId: string): Observable<FamilyDetail> {
    return this.readAhead.get<FamilyDetail>(`/api/families/${familyId}`);
  }

  plan(familyId: string): Observable<PlanResponse> {
    return this.readAhead.get<PlanResponse>(`/api/families/${familyId}/plan`);
  }

  /** Sends a (possibly queued) change; If-Match when it is based on a version. */
  send(edit: PendingEdit, version: number | null = edit.baseVersion): Observable<unknown> {
    return this.http.request(edit.method, edit.url, {
      body: edit.body,
      headers: version === null ? undefined : ifMatch(version),
    });
  }

  createGoal(familyId: string, body: CreateGoalRequest): Observable<GoalResponse> {
    return this.http.post<GoalResponse>(`/api/families/${familyId}/plan/goals`, body);
  }

  addAgreement(goalId: string, body: CreateAgreementRequest): Observable<AgreementResponse> {
    return this.http.post<AgreementResponse>(`/api/goals/${goalId}/agreements`, body);
  }

  addProgress(goalId: string, body: CreateProgressRequest): Observable<ProgressResponse> {
    return this.http.post<ProgressResponse>(`/api/goals/${goalId}/progress`, body);
  }

  comment(target: { goalId: string } | { agreementId: string }, text: string): Observable<CommentResponse> {
    const url =
      'goalId' in target ? `/api/goals/${target.goalId}/comments` : `/api/agreements/${target.agreementId}/comments`;
    return this.http.post<CommentResponse>(url, { text });
  }

  versions(familyId: string): Observable<PlanVersionSummary[]> {
    return this.readAhead.get<PlanVersionSummary[]>(`/api/families/${familyId}/plan/versions`);
  }

  diff(familyId: string, from: number, to: number): Observable<PlanDiffResponse> {
    return this.http.get<PlanDiffResponse>(`/api/families/${familyId}/plan/versions/${from}/diff/${to}`);
  }

  agree(familyId: string, body: AgreeVersionRequest): Observable<PlanVersionResponse> {
    return this.http.post<PlanVersionResponse>(`/api/families/${familyId}/plan/versions`, body);
  }

  /** The PDF of a version (or of the living plan when `version` is null), with the bearer token. */
  pdf(familyId: string, version: number | null, lang: 'nl' | 'en'): Observable<HttpResponse<Blob>> {
    const url =
      version === null
        ? `/api/families/${familyId}/plan/pdf`
        : `/api/families/${familyId}/plan/versions/${version}/pdf`;
    return this.http.get(url, {
      params: new HttpParams().set('lang', lang),
      responseType: 'blob',
      observe: 'response',
    });
  }
}
