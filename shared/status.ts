// Decision statuses and the moves between them that make sense for an ADR.

export const statuses = ['draft', 'proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type Status = (typeof statuses)[number];

const next: Record<Status, readonly Status[]> = {
  draft: ['proposed', 'accepted', 'rejected'],
  proposed: ['draft', 'accepted', 'rejected'],
  accepted: ['deprecated', 'superseded'],
  // A rejected idea may come back for another look.
  rejected: ['draft', 'proposed'],
  deprecated: ['superseded'],
  superseded: [],
};

export function canMove(from: Status, to: Status): boolean {
  return from === to || next[from].includes(to);
}

export function allowedFrom(from: Status): readonly Status[] {
  return next[from];
}
