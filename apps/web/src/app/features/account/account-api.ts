import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChangePasswordRequest,
  RecoveryCodesResponse,
  SecondFactorStatus,
  TotpEnrolment,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';

/** The own account: second factor and password. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  status(): Promise<SecondFactorStatus> {
    return firstValueFrom(this.http.get<SecondFactorStatus>('/api/auth/second-factor'));
  }

  startEnrolment(): Promise<TotpEnrolment> {
    return firstValueFrom(this.http.post<TotpEnrolment>('/api/auth/second-factor/enrolment', {}));
  }

  async confirmEnrolment(code: string): Promise<string[]> {
    const res = await firstValueFrom(
      this.http.post<RecoveryCodesResponse>('/api/auth/second-factor/enrolment/confirm', { code }),
    );
    return res.recoveryCodes;
  }

  async regenerateRecoveryCodes(code: string): Promise<string[]> {
    const res = await firstValueFrom(
      this.http.post<RecoveryCodesResponse>('/api/auth/second-factor/recovery-codes', { code }),
    );
    return res.recoveryCodes;
  }

  disable(password: string): Promise<unknown> {
    return firstValueFrom(this.http.delete('/api/auth/second-factor', { body: { password } }));
  }

  changePassword(body: ChangePasswordRequest): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/auth/password', body));
  }
}
