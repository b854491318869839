import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FamilySummary, NotificationResponse, OverdueAgreementResponse, Page } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';

/** Typed calls of the notifications panel. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  notifications(): Observable<NotificationResponse[]> {
    return this.http.get<NotificationResponse[]>('/api/notifications');
  }

  markRead(id: string): Observable<void> {
    return this.http.post<void>(`/api/notifications/${id}/read`, {});
  }

  overdue(): Observable<OverdueAgreementResponse[]> {
    return this.http.get<OverdueAgreementResponse[]>('/api/agreements/overdue');
  }

  /** The families this professional may see, for their names next to the notifications. */
  families(): Observable<Page<FamilySummary>> {
    const params = new HttpParams().set('limit', 200).set('sort', 'name');
    return this.http.get<Page<FamilySummary>>('/api/families', { params });
  }

  evaluationsDue(): Observable<Page<FamilySummary>> {
    const params = new HttpParams().set('evaluationDue', 'true').set('limit', 100);
    return this.http.get<Page<FamilySummary>>('/api/families', { params });
  }
}
