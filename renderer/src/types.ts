export type { DecisionDetail, DecisionSummary, TemplateInfo } from '../../shared/types.ts';
export type { Status } from '../../shared/status.ts';
export { statuses } from '../../shared/status.ts';
