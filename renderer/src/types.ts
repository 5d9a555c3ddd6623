// The shared types the renderer uses, in one place.
export type * from '../../shared/types.ts';
export type { Status } from '../../shared/status.ts';
export { statuses, allowedFrom } from '../../shared/status.ts';
export { roles, votingRoles, adrProfiles, recordNamesModes } from '../../shared/types.ts';
