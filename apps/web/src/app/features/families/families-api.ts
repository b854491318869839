import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FamilyDetail, FamilySummary, ListFamiliesQuery, Page } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';

/** Typed calls for the worklist, on the contract types shared with the API. */
@Injectable({ providedIn: 'root' })
export class FamiliesApi {
  private readonly http = inject(HttpClient);

  /** GET /api/families: the worklist with its filters; booleans travel as `true`/`false`. */
  list(query: ListFamiliesQuery = {}): Observable<Page<FamilySummary>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query) as [string, string | number | boolean | undefined][])
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    return this.http.get<Page<FamilySummary>>('/api/families', { params });
  }

  /** POST /api/families: registered in the worker's own municipality, with them as regisseur. */
  register(displayName: string): Observable<FamilyDetail> {
    return this.http.post<FamilyDetail>('/api/families', { displayName });
  }
}
