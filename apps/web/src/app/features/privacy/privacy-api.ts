import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnswerCorrectionRequest,
  CorrectionRequestResponse,
  CreateCorrectionRequest,
  EmergencyAccessGrant,
  RequestEmergencyAccess,
} from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ifMatch } from '../../core/http';

/** Privacy rights (download, correction requests) and break-the-glass emergency access. */
@Injectable({ providedIn: 'root' })
export class PrivacyApi {
  private readonly http = inject(HttpClient);

  exportFile(familyId: string, format: 'json' | 'pdf'): Observable<Blob> {
    const path = format === 'json' ? 'privacy-export' : 'privacy-export/pdf';
    return this.http.get(`/api/families/${familyId}/${path}`, { responseType: 'blob' });
  }

  corrections(familyId: string): Observable<CorrectionRequestResponse[]> {
    return this.http.get<CorrectionRequestResponse[]>(`/api/families/${familyId}/correction-requests`);
  }

  fileCorrection(familyId: string, body: CreateCorrectionRequest): Observable<CorrectionRequestResponse> {
    return this.http.post<CorrectionRequestResponse>(`/api/families/${familyId}/correction-requests`, body);
  }

  answer(id: string, version: number, body: AnswerCorrectionRequest): Observable<CorrectionRequestResponse> {
    return this.http.post<CorrectionRequestResponse>(`/api/correction-requests/${id}/answer`, body, {
      headers: ifMatch(version),
    });
  }

  requestEmergency(body: RequestEmergencyAccess): Observable<EmergencyAccessGrant> {
    return this.http.post<EmergencyAccessGrant>('/api/emergency-access', body);
  }

  myEmergency(): Observable<EmergencyAccessGrant[]> {
    return this.http.get<EmergencyAccessGrant[]>('/api/emergency-access');
  }
}

/** Hands a downloaded file to the browser. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
