// Every method of the contract, mapped to its handler. The type makes a missing one a compile error.
import type { Method, Output, Parsed } from '../../shared/api.ts';
import type { Ctx } from '../context.ts';
import * as adr from './adr.ts';
import * as decisions from './decisions.ts';
import { history } from './history.ts';
import * as items from './items.ts';
import * as people from './people.ts';
import { results } from './results.ts';
import * as rounds from './rounds.ts';
import * as votes from './votes.ts';

export type Handlers = { [M in Method]: (ctx: Ctx, input: Parsed<M>) => Output<M> };

export const handlers: Handlers = {
  listTemplates: decisions.listTemplates,
  listDecisions: decisions.listDecisions,
  createDecision: decisions.createDecision,
  getDecision: decisions.getDecision,
  updateDecision: decisions.updateDecision,
  setStatus: decisions.setStatus,
  duplicateDecision: decisions.duplicateDecision,
  deleteDecision: decisions.deleteDecision,
  restoreDecision: decisions.restoreDecision,
  purgeDecision: decisions.purgeDecision,
  importDecision: decisions.importDecision,
  linkSupersedes: decisions.linkSupersedes,
  unlinkSupersedes: decisions.unlinkSupersedes,
  addOption: items.addOption,
  updateOption: items.updateOption,
  moveOption: items.moveOption,
  removeOption: items.removeOption,
  addCriterion: items.addCriterion,
  updateCriterion: items.updateCriterion,
  moveCriterion: items.moveCriterion,
  removeCriterion: items.removeCriterion,
  addEvidence: items.addEvidence,
  updateEvidence: items.updateEvidence,
  removeEvidence: items.removeEvidence,
  listPeople: people.listPeople,
  renamePerson: people.renamePerson,
  addParticipant: people.addParticipant,
  setParticipantRole: people.setParticipantRole,
  removeParticipant: people.removeParticipant,
  openRound: rounds.openRound,
  revealRound: rounds.revealRound,
  cancelRound: rounds.cancelRound,
  progress: rounds.progress,
  castScore: votes.castScore,
  clearScore: votes.clearScore,
  castImportance: votes.castImportance,
  clearImportance: votes.clearImportance,
  finishBallot: votes.finishBallot,
  ballot: votes.ballot,
  takeTurn: votes.takeTurn,
  endTurn: votes.endTurn,
  results,
  decide: decisions.decide,
  history,
  scanRepo: adr.scanRepo,
  previewExport: adr.previewExport,
  exportAdr: adr.exportAdr,
  listExports: adr.listExports,
  importAdr: adr.importAdr,
  linkSupersedesRecord: adr.linkSupersedesRecord,
  unlinkSupersedesRecord: adr.unlinkSupersedesRecord,
};
