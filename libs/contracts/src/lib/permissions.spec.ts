import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS } from './permissions';
import { ROLES } from './roles';

describe('role -> permission map', () => {
  it('gives every role a permission list and every user their own profile', () => {
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role]).toContain(PERMISSIONS.profileRead);
    }
  });

  it('never lets policy or admin users touch case data', () => {
    const caseData = Object.values(PERMISSIONS).filter((p) => p.startsWith('family:'));
    expect(caseData.length).toBeGreaterThan(0);
    for (const role of ['policy', 'admin'] as const) {
      for (const p of caseData) expect(hasPermission(role, p)).toBe(false);
    }
  });

  it('lets only the access team change a family record', () => {
    const allowed = ROLES.filter((r) => hasPermission(r, PERMISSIONS.familyUpdate));
    expect(allowed).toEqual(['access_team']);
  });

  it('only uses permissions that exist', () => {
    const known = new Set<string>(Object.values(PERMISSIONS));
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(known.has(p)).toBe(true);
  });
});

describe('help allocation and outcome permissions', () => {
  it('lets only the access team allocate help, and providers and GIs confirm its start and end', () => {
    expect(ROLES.filter((r) => hasPermission(r, PERMISSIONS.allocationWrite))).toEqual(['access_team']);
    expect(ROLES.filter((r) => hasPermission(r, PERMISSIONS.allocationConfirm))).toEqual(['provider', 'gi']);
  });

  it('gives policy users the aggregated indicators and nothing of a family', () => {
    expect(ROLE_PERMISSIONS.policy).toEqual([PERMISSIONS.profileRead, PERMISSIONS.indicatorsRead]);
    expect(ROLES.filter((r) => hasPermission(r, PERMISSIONS.indicatorsRead))).toEqual([
      'access_team',
      'provider',
      'gi',
      'policy',
    ]);
  });
});
