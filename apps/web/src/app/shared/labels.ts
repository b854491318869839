import type { FamilyStatus, Role } from '@gezinsplan/contracts';

const ROLE: Record<Role, string> = {
  access_team: 'toegangsteam',
  provider: 'jeugdhulpaanbieder',
  gi: 'gecertificeerde instelling',
  parent: 'ouder',
  youth: 'jongere',
  policy: 'beleid',
  admin: 'functioneel beheer',
};

const STATUS: Record<FamilyStatus, string> = {
  registered: 'aangemeld',
  active: 'actief',
  closed: 'afgesloten',
};

export const roleLabel = (role: Role) => ROLE[role];
export const statusLabel = (status: FamilyStatus) => STATUS[status];
