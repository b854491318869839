import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FamilyDetail, FamilySummary, ListFamiliesQuery, Page } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ReadAhead } from '../../core/read-ahead';
import { worklistUrl } from './worklist-query';

/** Typed calls for the worklist, on the contract types shared with the API. */
@Injectable({ providedIn: 'root' })
export class FamiliesApi {
  private readonly http = inject(HttpClient);
  private readonly readAhead = inject(ReadAhead);

  /**
   * GET /api/families: the worklist with its filters; booleans travel as `true`/`false`. The first list of a
   * page load was usually read ahead by the route (families.routes.ts).
   */
  list(query: ListFamiliesQuery = {}): Observable<Page<FamilySummary>> {
    return this.readAhead.get<Page<FamilySummary>>(worklistUrl(query));
  }

  /** POST /api/families: registered in the worker's own municipality, with them as regisseur. */
  register(displayName: string): Observable<FamilyDetail> {
    return this.http.post<FamilyDetail>('/api/families', { displayName });
  }
}
