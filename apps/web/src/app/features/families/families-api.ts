import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FamilySummary, Page } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';

/** Typed calls for the families feature, on the contract types shared with the API. */
@Injectable({ providedIn: 'root' })
export class FamiliesApi {
  private readonly http = inject(HttpClient);

  list(params: { q?: string; limit?: number; offset?: number } = {}): Observable<Page<FamilySummary>> {
    let query = new HttpParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined && value !== '') query = query.set(key, String(value));
    return this.http.get<Page<FamilySummary>>('/api/families', { params: query });
  }
}
