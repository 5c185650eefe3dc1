/** The roles a workstation user can have. The store's `user.role` column holds these names. */
export const ROLES = ['clerk', 'archivist', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see applicants' personal data (name, CCCD, phone, address) in dossier results. */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['clerk', 'archivist'];

export const canSeePersonalData = (role: Role): boolean => PERSONAL_DATA_ROLES.includes(role);
