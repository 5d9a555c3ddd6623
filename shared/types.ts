// What the API hands back. Ids are SQLite row ids; times are ISO 8601 strings.
import type { Aggregation, CellStats } from './scoring/index.ts';
import type { Robustness } from './scoring/robustness.ts';
import type { Status } from './status.ts';

export const roles = ['facilitator', 'decision-maker', 'consulted', 'informed'] as const;
export type Role = (typeof roles)[number];
/** Informed people hear about the decision; everyone else in the room may vote. */
export const votingRoles: readonly Role[] = ['facilitator', 'decision-maker', 'consulted'];

export const weightingModes = ['direct', 'voted'] as const;
export type Weighting = (typeof weightingModes)[number];
/** Who voted what, as the exported record says it; anonymous decisions always say nobody. */
export const recordNamesModes = ['names', 'roles', 'nobody'] as const;
export type RecordNames = (typeof recordNamesModes)[number];
export const roundKinds = ['scores', 'weights'] as const;
export type RoundKind = (typeof roundKinds)[number];

export interface Person {
  id: number;
  name: string;
  createdAt: string;
}

export interface Option {
  id: number;
  name: string;
  description: string;
}

export interface Criterion {
  id: number;
  name: string;
  description: string;
  /** The raw importance set directly; the API's results say what it is in percent. */
  weight: number;
}

export interface Evidence {
  id: number;
  optionId: number;
  criterionId: number;
  text: string;
  source: string;
}

export interface Participant {
  personId: number;
  name: string;
  role: Role;
}

export interface MemberProgress {
  personId: number;
  name: string;
  done: boolean;
  /** Cells this member has filled (a score or an abstention), never their values. */
  filled: number;
  total: number;
}

export interface ScoreVote {
  personId: number;
  optionId: number;
  criterionId: number;
  /** null is an abstention. */
  score: number | null;
  why: string;
}

export interface ImportanceVote {
  personId: number;
  criterionId: number;
  importance: number | null;
  why: string;
}

export interface Round {
  id: number;
  seq: number;
  kind: RoundKind;
  /** Set for a re-vote of one criterion. */
  criterionId: number | null;
  status: 'open' | 'revealed';
  openedAt: string;
  revealedAt: string | null;
  progress: MemberProgress[];
  /** Present only once the round is revealed. */
  scores?: ScoreVote[];
  importances?: ImportanceVote[];
}

export interface DecisionLink {
  decisionId: number;
  title: string;
  status: Status;
}

export interface DecisionDetail {
  id: number;
  title: string;
  status: Status;
  context: string;
  drivers: string;
  outcome: { optionId: number | null; rationale: string };
  consequencesGood: string;
  consequencesBad: string;
  confirmation: string;
  moreInfo: string;
  tags: string[];
  scale: { min: number; max: number };
  aggregation: Aggregation;
  weighting: Weighting;
  anonymous: boolean;
  recordNames: RecordNames;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  supersedes: DecisionLink[];
  supersededBy: DecisionLink[];
  options: Option[];
  criteria: Criterion[];
  evidence: Evidence[];
  participants: Participant[];
  rounds: Round[];
}

export interface DecisionSummary {
  id: number;
  title: string;
  status: Status;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  optionCount: number;
  criterionCount: number;
  participantCount: number;
  chosenOption: string | null;
  /** The ADR file last exported for it (ADR folder/file name), and its number. */
  adrFile: string | null;
  adrNumber: number | null;
  /** A voting round is open: deleting now would end a vote in progress. */
  votingOpen: boolean;
}

/** A cell written during the turn that reads it: its value shows, to that turn only. */
export interface OpenCell {
  optionId: number | null;
  criterionId: number;
  sealed: false;
  /** null is an abstention. */
  value: number | null;
  why: string;
}

/** A cell filled before this turn (an earlier turn, a finished ballot): that it is filled, never its value. */
export interface SealedCell {
  optionId: number | null;
  criterionId: number;
  sealed: true;
}

export type BallotCell = OpenCell | SealedCell;

export interface Ballot {
  decisionId: number;
  roundId: number;
  kind: RoundKind;
  criterionId: number | null;
  memberId: number;
  done: boolean;
  filled: number;
  total: number;
  /** Empty without a turn: then a ballot is progress only. */
  cells: BallotCell[];
  /**
   * The member's own reasons from earlier revealed rounds, for the cells this round re-votes: empty without a
   * turn, and in an anonymous decision (a turn at the shared screen is not proof of who is voting).
   */
  earlier: EarlierReason[];
}

/** A reason given in an earlier round (`round` is its seq): the latest earlier revealed round with one counts. */
export interface EarlierReason {
  optionId: number | null;
  criterionId: number;
  round: number;
  why: string;
}

/** A member's turn at their ballot: a server-side grant, bound to one decision, round and member. */
export interface Turn {
  turn: string;
  memberId: number;
  roundId: number;
  /** The turn lapses after this moment unless a vote renews it. */
  expiresAt: string;
  ballot: Ballot;
}

/**
 * What casting or clearing one cell answers: that cell as it now is (null once cleared) and the ballot's
 * counts — not the whole ballot, so a keypress costs the same on a 10-cell and a 300-cell ballot.
 */
export interface BallotUpdate {
  decisionId: number;
  roundId: number;
  memberId: number;
  optionId: number | null;
  criterionId: number;
  cell: OpenCell | null;
  done: boolean;
  filled: number;
  total: number;
}

/** A cell's statistics, as `shared/scoring` computes them, for one option and criterion. */
export interface ResultCell extends CellStats {
  optionId: number;
  criterionId: number;
  /**
   * The latest revealed scores round before the one shown that flagged this cell (the same rule), with its
   * lowest and highest score: a re-vote that settled a disagreement still says there was one. null when none did.
   * `everyoneAgain`: every member who scored the cell in that round scored it again now (no abstention, no
   * absence); only then can a re-vote have settled it.
   */
  flaggedBefore: { round: number; min: number; max: number; everyoneAgain: boolean } | null;
}

export interface ResultOption {
  optionId: number;
  name: string;
  score: number | null;
  incomplete: boolean;
  /** 1 for the best; options equal to display precision share a rank; null when incomplete. */
  rank: number | null;
}

export interface ResultMember {
  /** null when the decision is anonymous. */
  personId: number | null;
  label: string;
  totals: { optionId: number; total: number | null }[];
}

export interface ResultVote {
  /** Index into `members`. */
  member: number;
  optionId: number;
  criterionId: number;
  score: number | null;
  /** The reason given with this vote, as typed (newlines kept). */
  why: string;
  /** When `why` is empty: the member's reason for this cell from an earlier revealed round, else null. */
  earlier: { round: number; why: string } | null;
}

export interface ResultFlip {
  winnerId: number;
  challengerId: number;
  /** A dead heat for first place: no criterion, a change of 0, fragile. */
  tie: boolean;
  /** On a tie, every option level with the first, in ranking order; else empty. */
  tiedIds: number[];
  /** null on a tie. */
  criterionId: number | null;
  weightNow: number | null;
  weightAtTie: number | null;
  deltaPoints: number;
  fragile: boolean;
  sentence: string;
}

/**
 * How often each complete option comes first over plausible weightings and resampled members
 * (docs/ROBUSTNESS.md): `shared/scoring/robustness.ts`'s figure, with options named by id.
 */
export type ResultRobustness = Omit<Robustness, 'leaders' | 'wins'> & {
  /** First place now: one option, or several on a dead heat. */
  leaderIds: number[];
  /** Each complete option's share of the samples it wins, in ranking order. */
  wins: { optionId: number; share: number }[];
};

/** The sentences the screen, the phones, the command line and the ADR show, from `shared/scoring/sentences.ts`. */
export interface ResultSentences {
  /** The minimal flip, a tie, or why there is none. */
  flip: string;
  /** One per incomplete option: "Pyramid is left out: 3 cells have no score." */
  leftOut: string[];
  /** null when fewer than two options are complete. */
  robustness: string | null;
}

export interface Results {
  decisionId: number;
  scale: { min: number; max: number };
  aggregation: Aggregation;
  /** Rounds whose votes count: for each criterion, its latest revealed round. */
  roundIds: number[];
  weights: { criterionId: number; name: string; weight: number; source: 'direct' | 'voted' }[];
  cells: ResultCell[];
  /** Ranked options first, then incomplete ones. */
  options: ResultOption[];
  members: ResultMember[];
  votes: ResultVote[];
  minimalFlip: ResultFlip | null;
  robustness: ResultRobustness | null;
  /** The figure is being computed (a read that did not wait for it): a 'results_ready' change follows. */
  robustnessPending: boolean;
  sentences: ResultSentences;
}

export interface HistoryEvent {
  id: number;
  decisionId: number | null;
  at: string;
  actor: string;
  type: string;
  data: Record<string, unknown>;
}

export interface TemplateInfo {
  id: string;
  title: string;
  description: string;
}

export const adrProfiles = ['madr', 'nygard', 'log4brains'] as const;
export type AdrProfile = (typeof adrProfiles)[number];

/** A repository's ADR folder, as Verdict found it. */
export interface AdrFolder {
  /** The repository's root: its git work tree, or the folder given when it is not one. */
  root: string;
  /** The ADR folder relative to the root, with forward slashes. */
  adrDir: string;
  /** The ADR folder's absolute path. */
  path: string;
  /** The profile Verdict writes here (the detected one unless the user chose another). */
  profile: AdrProfile;
  detected: AdrProfile;
  /** What told Verdict: ".adr-dir", ".log4brains.yml", "doc/adr", "docs/decisions", "docs/adr", "docs/adrs", or "none". */
  source: string;
  exists: boolean;
  git: boolean;
  notes: string[];
}

export interface ScannedRecord {
  file: string;
  number: number | null;
  title: string | null;
  status: string | null;
  date: string | null;
  /** Why the file could not be read; null when it was. */
  error: string | null;
}

export interface RepoScan extends AdrFolder {
  nextNumber: number;
  records: ScannedRecord[];
}

export interface ExportPlan {
  decisionId: number;
  folder: AdrFolder;
  file: string;
  number: number | null;
  /** create: a new file; update: Verdict's own unchanged file; unchanged: nothing to write; conflict: the file was edited since. */
  action: 'create' | 'update' | 'unchanged' | 'conflict';
  markdown: string;
  supersedes: { file: string; title: string; number: number | null }[];
  notes: string[];
  /** Committing on a new branch instead: the branch and file it would make, or why it cannot here. */
  branch: { available: true; name: string; file: string; current: string | null } | { available: false; reason: string };
}

export interface ExportResult {
  path: string;
  file: string;
  number: number | null;
  profile: AdrProfile;
  action: 'created' | 'updated' | 'unchanged' | 'overwritten';
  /** Older records whose status now says they are superseded. */
  superseded: string[];
  notes: string[];
  /** Set when the record was committed on a new branch instead of written into the working tree. */
  branch?: { name: string; commit: string; from: string | null; files: string[]; push: string };
}

/** An existing record in a repository that a decision supersedes. */
export interface SupersededRecord {
  repo: string;
  adrDir: string;
  file: string;
  title: string;
  number: number | null;
}

/** What reading an ADR back gave: the new decision, the record's own links, and what it now supersedes. */
export interface ImportedAdr {
  decision: DecisionDetail;
  profile: AdrProfile;
  file: string;
  /** The links the record itself carries. */
  links: { supersedes: { title: string; file: string }[]; supersededBy: { title: string; file: string }[] };
  /** The record in its repository, which the new decision supersedes; null when only its text was given. */
  supersedes: SupersededRecord | null;
  notes: string[];
}

/** A file Verdict wrote for a decision. */
export interface AdrExport {
  repo: string;
  adrDir: string;
  file: string;
  path: string;
  number: number | null;
  profile: AdrProfile;
  exportedAt: string;
}
