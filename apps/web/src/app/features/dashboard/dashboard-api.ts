import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { IndicatorsQuery, IndicatorsResponse } from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';

/** The dashboard's filters as the API takes them (empty ones are left out). */
export function indicatorParams(query: IndicatorsQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  return params;
}

/** Typed calls for the outcome dashboard: aggregates only, never a family. */
@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  indicators(query: IndicatorsQuery): Observable<IndicatorsResponse> {
    return this.http.get<IndicatorsResponse>('/api/indicators', { params: indicatorParams(query) });
  }

  /** The same figures as CSV (Dutch headers), as a file to save. */
  exportCsv(query: IndicatorsQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/indicators/export.csv', {
      params: indicatorParams(query),
      responseType: 'blob',
      observe: 'response',
    });
  }
}
