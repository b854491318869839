import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FamilySummary, NotificationResponse, OverdueAgreementResponse, Page } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';

/**
 * Case data is never answered from the browser's HTTP cache: the API's ETag on the plan names the plan-level
 * version only, so a conditional GET could return an older plan after a goal or progress note was added.
 */
const NO_STORE = 'no-store';

/** Typed calls of the notifications panel. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  notifications(): Observable<NotificationResponse[]> {
    return this.http.get<NotificationResponse[]>('/api/notifications', { cache: NO_STORE });
  }

  markRead(id: string): Observable<void> {
    return this.http.post<void>(`/api/notifications/${id}/read`, {});
  }

  overdue(): Observable<OverdueAgreementResponse[]> {
    return this.http.get<OverdueAgreementResponse[]>('/api/agreements/overdue', { cache: NO_STORE });
  }

  /** The families this professional may see, for their names next to the notifications. */
  families(): Observable<Page<FamilySummary>> {
    const params = new HttpParams().set('limit', 200).set('sort', 'name');
    return this.http.get<Page<FamilySummary>>('/api/families', { params, cache: NO_STORE });
  }

  evaluationsDue(): Observable<Page<FamilySummary>> {
    const params = new HttpParams().set('evaluationDue', 'true').set('limit', 100);
    return this.http.get<Page<FamilySummary>>('/api/families', { params, cache: NO_STORE });
  }
}
