export * from './lib/audit';
export * from './lib/auth';
export * from './lib/errors';
export * from './lib/families';
export * from './lib/municipalities';
export * from './lib/organisations';
export * from './lib/permissions';
export * from './lib/roles';
