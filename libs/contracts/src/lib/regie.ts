/** The one regisseur per family, and the history of hand-overs. */
export interface RegieAssignmentResponse {
  userId: string;
  displayName: string;
  role: string;
  organisation: string | null;
  startedAt: string;
  endedAt: string | null;
  reason: string;
}

export interface RegieResponse {
  current: RegieAssignmentResponse | null;
  history: RegieAssignmentResponse[];
}

export interface HandoverRequest {
  toUserId: string;
  reason: string;
}
