import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActivationResponse,
  CreateOrganisationRequest,
  CreateTeamRequest,
  CreateUserRequest,
  CreateUserResponse,
  ListUsersQuery,
  OrganisationResponse,
  RevokeSessionsResponse,
  TeamResponse,
  UpdateOrganisationRequest,
  UpdateUserRequest,
  UserResponse,
} from '@gezinsplan/contracts';
import type { Observable } from 'rxjs';
import { ifMatch } from '../../core/http';

/** Typed calls for functional management (beheer): organisations, teams and accounts. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  organisations(): Observable<OrganisationResponse[]> {
    return this.http.get<OrganisationResponse[]>('/api/organisations');
  }

  createOrganisation(body: CreateOrganisationRequest): Observable<OrganisationResponse> {
    return this.http.post<OrganisationResponse>('/api/organisations', body);
  }

  updateOrganisation(id: string, version: number, body: UpdateOrganisationRequest): Observable<OrganisationResponse> {
    return this.http.patch<OrganisationResponse>(`/api/organisations/${id}`, body, { headers: ifMatch(version) });
  }

  createTeam(organisationId: string, body: CreateTeamRequest): Observable<TeamResponse> {
    return this.http.post<TeamResponse>(`/api/organisations/${organisationId}/teams`, body);
  }

  users(query: ListUsersQuery): Observable<UserResponse[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    return this.http.get<UserResponse[]>('/api/users', { params });
  }

  createUser(body: CreateUserRequest): Observable<CreateUserResponse> {
    return this.http.post<CreateUserResponse>('/api/users', body);
  }

  updateUser(id: string, version: number, body: UpdateUserRequest): Observable<UserResponse> {
    return this.http.patch<UserResponse>(`/api/users/${id}`, body, { headers: ifMatch(version) });
  }

  reissueActivation(id: string): Observable<ActivationResponse> {
    return this.http.post<ActivationResponse>(`/api/users/${id}/activation`, {});
  }

  revokeSessions(id: string): Observable<RevokeSessionsResponse> {
    return this.http.post<RevokeSessionsResponse>(`/api/users/${id}/sessions/revoke`, {});
  }
}
