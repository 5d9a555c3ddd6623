// The one contract: every operation Verdict offers, its input schema and its
// result type. Every door (IPC, HTTP, CLI) and the renderer's client derive
// from this table; nothing else declares a method.
import { z } from 'zod';
import type { Desktop } from './desktop.ts';
import type { DoorsClient } from './doors.ts';
import { Token } from './participant.ts';
import type { Reply } from './reply.ts';
import { statuses } from './status.ts';
import type * as T from './types.ts';
import { adrProfiles, recordNamesModes, roles, roundKinds, weightingModes } from './types.ts';

const Id = z.number().int().positive();
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^\P{Cc}*$/u, 'must be one line of plain text');
const longText = z.string().max(20_000, 'must be at most 20,000 characters');
const Title = oneLine(200);
const Name = oneLine(120);
const Why = z.string().max(2_000, 'must be at most 2,000 characters');
const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'must be letters, digits, spaces, dots, dashes or underscores');
const Weight = z.number().finite().min(0, 'must not be negative').max(100, 'must be at most 100');
const Vote = z.union([z.number().int(), z.literal('abstain')]);
const Status = z.enum(statuses);
const Role = z.enum(roles);
export const templateIds = ['blank', 'django-vs-flask'] as const;

const decisionId = z.strictObject({ decisionId: Id });
const Repo = {
  repo: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4,096 characters'),
  adrDir: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
};
const Format = z.enum(adrProfiles);

const DecisionPatch = z
  .strictObject({
    title: Title,
    context: longText,
    drivers: longText,
    consequencesGood: longText,
    consequencesBad: longText,
    confirmation: longText,
    moreInfo: longText,
    tags: z.array(Tag).max(20, 'must be at most 20 tags'),
    scaleMax: z.number().int().min(3, 'must be at least 3').max(10, 'must be at most 10'),
    aggregation: z.enum(['mean', 'median']),
    weighting: z.enum(weightingModes),
    anonymous: z.boolean(),
    recordNames: z.enum(recordNamesModes),
  })
  .partial();

/** A decision as `getDecision` returns it (and `verdict show --json` prints): ids are local to the file. */
export const DecisionDocument = z.object({
  title: Title,
  status: Status.default('draft'),
  context: longText.default(''),
  drivers: longText.default(''),
  outcome: z.object({ optionId: Id.nullable(), rationale: longText }).default({ optionId: null, rationale: '' }),
  consequencesGood: longText.default(''),
  consequencesBad: longText.default(''),
  confirmation: longText.default(''),
  moreInfo: longText.default(''),
  tags: z.array(Tag).max(20).default([]),
  scale: z.object({ min: z.literal(1), max: z.number().int().min(3).max(10) }).default({ min: 1, max: 5 }),
  aggregation: z.enum(['mean', 'median']).default('mean'),
  weighting: z.enum(weightingModes).default('direct'),
  anonymous: z.boolean().default(false),
  recordNames: z.enum(recordNamesModes).default('names'),
  options: z.array(z.object({ id: Id, name: Name, description: longText.default('') })).max(50),
  criteria: z.array(z.object({ id: Id, name: Name, description: longText.default(''), weight: Weight })).max(50),
  evidence: z
    .array(z.object({ optionId: Id, criterionId: Id, text: longText.pipe(z.string().min(1)), source: z.string().max(500).default('') }))
    .max(2_500)
    .default([]),
  participants: z.array(z.object({ personId: Id, name: Name, role: Role })).max(200).default([]),
  rounds: z
    .array(
      z.object({
        kind: z.enum(roundKinds),
        criterionId: Id.nullable(),
        status: z.enum(['open', 'revealed']),
        openedAt: z.string().max(40),
        revealedAt: z.string().max(40).nullable(),
        scores: z
          .array(z.object({ personId: Id, optionId: Id, criterionId: Id, score: z.number().int().nullable(), why: Why.default('') }))
          .optional(),
        importances: z
          .array(z.object({ personId: Id, criterionId: Id, importance: z.number().int().nullable(), why: Why.default('') }))
          .optional(),
      }),
    )
    .max(500)
    .default([]),
});
export type DecisionDocument = z.infer<typeof DecisionDocument>;

interface MethodSpec {
  input: z.ZodType;
  /** Writes run in an immediate transaction and announce their events. */
  writes: boolean;
  /** Type only: what the method returns. */
  output: unknown;
}

/** A type-only marker for a method's result. */
const returns = <O>(): O => undefined as O;

/** The grant `takeTurn` answers: every read or change of a member's values before the reveal carries it. */
const TurnToken = Token;
const ScoreCell = { decisionId: Id, memberId: Id, turn: TurnToken, optionId: Id, criterionId: Id };
const NonEmptyText = longText.pipe(z.string().trim().min(1, 'must not be empty'));
const Source = z.string().trim().max(500, 'must be at most 500 characters');

export const methods = {
  // Decisions
  listTemplates: { input: z.strictObject({}), writes: false, output: returns<T.TemplateInfo[]>() },
  listDecisions: {
    input: z.strictObject({ search: z.string().trim().max(200).optional(), status: Status.optional(), trash: z.boolean().optional() }),
    writes: false,
    output: returns<T.DecisionSummary[]>(),
  },
  createDecision: {
    input: z.strictObject({ title: Title, template: z.enum(templateIds).default('blank') }),
    writes: true,
    output: returns<T.DecisionDetail>(),
  },
  getDecision: { input: decisionId, writes: false, output: returns<T.DecisionDetail>() },
  updateDecision: { input: z.strictObject({ decisionId: Id, patch: DecisionPatch }), writes: true, output: returns<T.DecisionDetail>() },
  setStatus: { input: z.strictObject({ decisionId: Id, status: Status }), writes: true, output: returns<T.DecisionDetail>() },
  duplicateDecision: {
    input: z.strictObject({ decisionId: Id, title: Title.optional() }),
    writes: true,
    output: returns<T.DecisionDetail>(),
  },
  deleteDecision: { input: decisionId, writes: true, output: returns<T.DecisionSummary>() },
  restoreDecision: { input: decisionId, writes: true, output: returns<T.DecisionDetail>() },
  purgeDecision: { input: decisionId, writes: true, output: returns<{ decisionId: number }>() },
  importDecision: { input: z.strictObject({ document: DecisionDocument }), writes: true, output: returns<T.DecisionDetail>() },
  linkSupersedes: { input: z.strictObject({ decisionId: Id, supersededId: Id }), writes: true, output: returns<T.DecisionDetail>() },
  unlinkSupersedes: { input: z.strictObject({ decisionId: Id, supersededId: Id }), writes: true, output: returns<T.DecisionDetail>() },

  // Options, criteria, evidence
  addOption: {
    input: z.strictObject({ decisionId: Id, name: Name, description: longText.optional() }),
    writes: true,
    output: returns<T.Option>(),
  },
  updateOption: {
    input: z.strictObject({ optionId: Id, name: Name.optional(), description: longText.optional() }),
    writes: true,
    output: returns<T.Option>(),
  },
  moveOption: { input: z.strictObject({ optionId: Id, position: z.number().int().min(0) }), writes: true, output: returns<T.Option[]>() },
  removeOption: { input: z.strictObject({ optionId: Id }), writes: true, output: returns<{ optionId: number }>() },
  addCriterion: {
    input: z.strictObject({ decisionId: Id, name: Name, description: longText.optional(), weight: Weight.optional() }),
    writes: true,
    output: returns<T.Criterion>(),
  },
  updateCriterion: {
    input: z.strictObject({ criterionId: Id, name: Name.optional(), description: longText.optional(), weight: Weight.optional() }),
    writes: true,
    output: returns<T.Criterion>(),
  },
  moveCriterion: {
    input: z.strictObject({ criterionId: Id, position: z.number().int().min(0) }),
    writes: true,
    output: returns<T.Criterion[]>(),
  },
  removeCriterion: { input: z.strictObject({ criterionId: Id }), writes: true, output: returns<{ criterionId: number }>() },
  addEvidence: {
    input: z.strictObject({ optionId: Id, criterionId: Id, text: NonEmptyText, source: Source.optional() }),
    writes: true,
    output: returns<T.Evidence>(),
  },
  updateEvidence: {
    input: z.strictObject({ evidenceId: Id, text: NonEmptyText.optional(), source: Source.optional() }),
    writes: true,
    output: returns<T.Evidence>(),
  },
  removeEvidence: { input: z.strictObject({ evidenceId: Id }), writes: true, output: returns<{ evidenceId: number }>() },

  // People and participants
  listPeople: { input: z.strictObject({ search: z.string().trim().max(120).optional() }), writes: false, output: returns<T.Person[]>() },
  renamePerson: { input: z.strictObject({ personId: Id, name: Name }), writes: true, output: returns<T.Person>() },
  addParticipant: {
    input: z
      .strictObject({ decisionId: Id, personId: Id.optional(), name: Name.optional(), role: Role.default('decision-maker') })
      .refine((v) => (v.personId === undefined) !== (v.name === undefined), { message: 'give either personId or name, not both', path: ['name'] }),
    writes: true,
    output: returns<T.Participant>(),
  },
  setParticipantRole: {
    input: z.strictObject({ decisionId: Id, personId: Id, role: Role }),
    writes: true,
    output: returns<T.Participant>(),
  },
  removeParticipant: { input: z.strictObject({ decisionId: Id, personId: Id }), writes: true, output: returns<{ personId: number }>() },

  // Rounds and votes
  openRound: {
    input: z.strictObject({ decisionId: Id, kind: z.enum(roundKinds).default('scores'), criterionId: Id.optional() }),
    writes: true,
    output: returns<T.Round>(),
  },
  revealRound: { input: decisionId, writes: true, output: returns<T.Round>() },
  cancelRound: { input: decisionId, writes: true, output: returns<{ roundId: number }>() },
  progress: { input: decisionId, writes: false, output: returns<T.Round | null>() },
  castScore: {
    input: z.strictObject({ ...ScoreCell, score: Vote, why: Why.optional() }),
    writes: true,
    output: returns<T.BallotUpdate>(),
  },
  clearScore: { input: z.strictObject(ScoreCell), writes: true, output: returns<T.BallotUpdate>() },
  castImportance: {
    input: z.strictObject({ decisionId: Id, memberId: Id, turn: TurnToken, criterionId: Id, importance: Vote, why: Why.optional() }),
    writes: true,
    output: returns<T.BallotUpdate>(),
  },
  clearImportance: {
    input: z.strictObject({ decisionId: Id, memberId: Id, turn: TurnToken, criterionId: Id }),
    writes: true,
    output: returns<T.BallotUpdate>(),
  },
  /** Finishing ends the turn: the ballot is sealed until a new turn replaces its values. */
  finishBallot: {
    input: z.strictObject({ decisionId: Id, memberId: Id, turn: TurnToken, done: z.boolean().default(true) }),
    writes: true,
    output: returns<T.Ballot>(),
  },
  /** Without a turn: progress only (filled, total, done). With one: the cells, values only for those written in it. */
  ballot: { input: z.strictObject({ decisionId: Id, memberId: Id, turn: TurnToken.optional() }), writes: false, output: returns<T.Ballot>() },
  /**
   * Opens a member's ballot on one screen; `release` ends that screen's previous turn in the same step.
   * `takeOver` takes the ballot from a screen of the same kind that still holds it (a tab closed mid-ballot);
   * never from a phone. The values typed there stay sealed to the new turn, as a finished ballot's do.
   */
  takeTurn: {
    input: z.strictObject({ decisionId: Id, memberId: Id, release: TurnToken.optional(), takeOver: z.boolean().optional() }),
    writes: true,
    output: returns<T.Turn>(),
  },
  endTurn: { input: z.strictObject({ decisionId: Id, turn: TurnToken }), writes: true, output: returns<{ ended: boolean }>() },

  // Outcome
  /**
   * `wait: false` (the screens): a robustness figure not yet computed comes back null with `robustnessPending`,
   * and a 'results_ready' change announces it; the default waits for it (CLI, ADR, participants' phones).
   */
  results: { input: z.strictObject({ decisionId: Id, wait: z.boolean().default(true) }), writes: false, output: returns<T.Results>() },
  decide: {
    input: z.strictObject({ decisionId: Id, optionId: Id, status: z.enum(['proposed', 'accepted', 'rejected']), why: longText.optional() }),
    writes: true,
    output: returns<T.DecisionDetail>(),
  },
  history: {
    input: z.strictObject({ decisionId: Id, afterId: z.number().int().min(0).optional() }),
    writes: false,
    output: returns<T.HistoryEvent[]>(),
  },

  // ADRs in a team's repository
  scanRepo: { input: z.strictObject({ ...Repo, format: Format.optional() }), writes: false, output: returns<T.RepoScan>() },
  previewExport: {
    input: z.strictObject({ decisionId: Id, ...Repo, format: Format.optional() }),
    writes: false,
    output: returns<T.ExportPlan>(),
  },
  exportAdr: {
    input: z.strictObject({
      decisionId: Id,
      ...Repo,
      format: Format.optional(),
      onConflict: z.enum(['refuse', 'new-file', 'overwrite']).default('refuse'),
      // true: the branch named in the repository's style; a string: that name.
      branch: z.union([z.literal(true), oneLine(200)]).optional(),
    }),
    writes: true,
    output: returns<T.ExportResult>(),
  },
  listExports: { input: decisionId, writes: false, output: returns<T.AdrExport[]>() },
  importAdr: {
    // A record on disk (then the new decision supersedes it there), or its text as a browser read it.
    input: z
      .strictObject({
        path: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4,096 characters').optional(),
        text: z.string().max(1024 * 1024, 'must be at most 1 MiB').optional(),
        name: z.string().trim().min(1).max(255).regex(/^[^/\\]+$/, 'must be a file name, not a path').optional(),
      })
      .refine((v) => (v.path === undefined) !== (v.text === undefined), { message: 'give either path or text, not both', path: ['path'] }),
    writes: true,
    output: returns<T.ImportedAdr>(),
  },
  linkSupersedesRecord: {
    input: z.strictObject({ decisionId: Id, ...Repo, file: z.string().trim().min(1, 'must not be empty').max(255) }),
    writes: true,
    output: returns<T.SupersededRecord[]>(),
  },
  unlinkSupersedesRecord: {
    input: z.strictObject({ decisionId: Id, ...Repo, file: z.string().trim().min(1, 'must not be empty').max(255) }),
    writes: true,
    output: returns<T.SupersededRecord[]>(),
  },
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type Method = keyof Methods;
export type Input<M extends Method> = z.input<Methods[M]['input']>;
export type Parsed<M extends Method> = z.output<Methods[M]['input']>;
export type Output<M extends Method> = Methods[M]['output'];
export const methodNames = Object.keys(methods) as Method[];

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name);
}

/** The typed client every caller holds, whatever carries the call. */
export type Client = { [M in Method]: (input: Input<M>) => Promise<Reply<Output<M>>> };

/** What the change stream announces: one history event at a time, or a synthetic change (id 0, in no history). */
export type ChangeEvent = T.HistoryEvent;
/** The synthetic changes: 'results_ready', a decision's robustness figure is computed and cached. */
export type SyntheticChange = 'results_ready';

/** What the desktop preload exposes as window.verdict, and what web mode's client offers too. */
export type Bridge = Client & {
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Participants' own devices: the facilitator's controls. */
  doors: DoorsClient;
  /** Only in the desktop app. */
  desktop?: Desktop;
};
