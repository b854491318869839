export const AUDIT_ACTIONS = ['read', 'list', 'create', 'update', 'delete', 'login', 'logout'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RESULTS = ['success', 'denied', 'conflict', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One line of a family's access log (NEN 7513 style): who looked at or changed what, when, and on which basis. */
export interface AccessLogEntry {
  id: string;
  occurredAt: string;
  actor: { userId: string | null; displayName: string | null; role: string | null; organisation: string | null };
  resource: string;
  action: AuditAction;
  result: AuditResult;
  /** On which authorisation or consent the access rested, e.g. `municipality`, `involvement-consent`, `own-family`. */
  basis: string | null;
  emergency: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
