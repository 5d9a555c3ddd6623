// The commands that give the command line everything the window does beyond the workshop's core:
// editing a decision's text, options, criteria, weights and evidence, people's roles, ballots and rounds,
// the trash, the history, and `call` for any contract method.
import { isatty } from 'node:tty';
import { resolve } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { isMethod, type Method, type Output } from '../../shared/api.ts';
import { historyKinds, kindOf, type HistoryKind } from '../../shared/history.ts';
import { fail } from '../../shared/reply.ts';
import { statuses } from '../../shared/status.ts';
import { recordNamesModes, roles, weightingModes, type DecisionDetail } from '../../shared/types.ts';
import { parseId, parseNumber, parseOnOff, parseWhole, pick } from './args.ts';
import { decisionList, historyView } from './format.ts';
import type { Io } from './program.ts';

export interface CliTools {
  io: Io;
  call<M extends Method>(name: M, input: unknown): Output<M>;
  detail(id: number): DecisionDetail;
  json(value: unknown): void;
  members(d: DecisionDetail): { id: number; name: string }[];
  /** Runs a change to a member's ballot in that member's turn, taken and given back around it, as `vote` does. */
  inTurn<T>(decisionId: number, memberId: number, change: (turn: string) => T): T;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

const decisionArg = (c: Command) => c.argument('<id>', 'decision id', parseId('the decision id'));
const subcommand = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function addEditingCommands(program: Command, t: CliTools): void {
  const { io, call, detail, json } = t;

  program
    .command('set')
    .description('change a decision’s title, text, scale, aggregation, weighting or anonymity')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .option('--title <text>', 'the question')
    .option('--context <text>', 'the context and problem')
    .option('--drivers <text>', 'the decision drivers')
    .option('--consequences-good <text>', 'good consequences')
    .option('--consequences-bad <text>', 'bad consequences')
    .option('--confirmation <text>', 'how the decision will be confirmed')
    .option('--more-info <text>', 'more information')
    .option('--tags <list>', 'comma-separated tags (empty to clear)', (v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .option('--scale <max>', 'the top of the 1…N scale (3 to 10)', parseWhole('the scale', 3, 10))
    .addOption(new Option('--aggregation <how>', 'how members’ scores combine').choices(['mean', 'median']))
    .addOption(new Option('--weighting <how>', 'weights set directly, or voted by the members').choices(weightingModes))
    .option('--anonymous <on|off>', 'hide who voted what', parseOnOff('--anonymous'))
    .addOption(new Option('--names <who>', 'who voted what, as the exported record says it (anonymous decisions always say nobody)').choices(recordNamesModes))
    .action((id: number, o: Record<string, unknown>) => {
      const keys: [string, string][] = [
        ['title', 'title'],
        ['context', 'context'],
        ['drivers', 'drivers'],
        ['consequencesGood', 'consequencesGood'],
        ['consequencesBad', 'consequencesBad'],
        ['confirmation', 'confirmation'],
        ['moreInfo', 'moreInfo'],
        ['tags', 'tags'],
        ['scale', 'scaleMax'],
        ['aggregation', 'aggregation'],
        ['weighting', 'weighting'],
        ['anonymous', 'anonymous'],
        ['names', 'recordNames'],
      ];
      const patch = Object.fromEntries(keys.filter(([k]) => o[k] !== undefined).map(([k, field]) => [field, o[k]]));
      if (Object.keys(patch).length === 0) fail('invalid_input', 'Say what to change, e.g. --context "…" or --anonymous on (see verdict set --help).', 'patch');
      const d = call('updateDecision', { decisionId: id, patch });
      io.out(`Decision ${d.id} changed: ${Object.keys(patch).join(', ')}.`);
    });

  program
    .command('status')
    .description('move a decision to another status')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .addArgument(new Argument('<status>', 'the new status').choices(statuses))
    .action((id: number, status: string) => {
      const d = call('setStatus', { decisionId: id, status });
      io.out(`Decision ${d.id} is ${d.status}.`);
    });

  for (const kind of ['option', 'criterion'] as const) {
    const group = subcommand(program, kind, `${kind === 'option' ? 'options' : 'criteria'} of a decision`);
    const list = (d: DecisionDetail) => (kind === 'option' ? d.options : d.criteria);
    const find = (id: number, ref: string) => pick(list(detail(id)), ref, kind, kind);
    const idField = kind === 'option' ? 'optionId' : 'criterionId';
    const update = kind === 'option' ? 'updateOption' : 'updateCriterion';
    decisionArg(group.command('rename').description(`rename ${kind === 'option' ? 'an option' : 'a criterion'}`))
      .argument(`<${kind}>`, 'its name or id')
      .argument('<name>', 'the new name')
      .action((id: number, ref: string, name: string) => {
        const item = call(update, { [idField]: find(id, ref).id, name });
        io.out(`Renamed to ${item.name}.`);
      });
    decisionArg(group.command('describe').description('set what it means'))
      .argument(`<${kind}>`, 'its name or id')
      .argument('<text>', 'the description (empty to clear)')
      .action((id: number, ref: string, description: string) => {
        const item = call(update, { [idField]: find(id, ref).id, description });
        io.out(`${item.name}: description ${description ? 'set' : 'cleared'}.`);
      });
    decisionArg(group.command('move').description('put it at another place in the list'))
      .argument(`<${kind}>`, 'its name or id')
      .argument('<place>', 'its new place, 1 for first', parseId('the place'))
      .action((id: number, ref: string, place: number) => {
        const order = call(kind === 'option' ? 'moveOption' : 'moveCriterion', { [idField]: find(id, ref).id, position: place - 1 });
        // Places, not ids: said in words so that nobody passes a place where an id is asked.
        io.out(order.map((x, i) => `place ${i + 1}: ${x.name} (id ${x.id})`).join('\n'));
      });
    decisionArg(group.command('remove').description(`remove ${kind === 'option' ? 'an option' : 'a criterion'} (and its votes and evidence)`))
      .argument(`<${kind}>`, 'its name or id')
      .action((id: number, ref: string) => {
        const item = find(id, ref);
        call(kind === 'option' ? 'removeOption' : 'removeCriterion', { [idField]: item.id });
        io.out(`Removed ${item.name}.`);
      });
  }
  decisionArg(subcommand(program, 'criterion', 'criteria of a decision').command('weight').description('set a criterion’s weight (shown as its share of all weights)'))
    .argument('<criterion>', 'its name or id')
    .argument('<weight>', 'a number from 0 to 100', parseNumber('the weight'))
    .action((id: number, ref: string, weight: number) => {
      const c = call('updateCriterion', { criterionId: pick(detail(id).criteria, ref, 'criterion', 'criterion').id, weight });
      io.out(`${c.name} now weighs ${c.weight}.`);
    });

  const evidence = program.command('evidence').description('evidence for an option on a criterion');
  decisionArg(evidence.command('add').description('add evidence; prints its id'))
    .requiredOption('--option <name>', 'the option (name or id)')
    .requiredOption('--criterion <name>', 'the criterion (name or id)')
    .argument('<text>', 'what the evidence says')
    .option('--source <text>', 'where it comes from (a link or a title)')
    .action((id: number, text: string, o: { option: string; criterion: string; source?: string }) => {
      const d = detail(id);
      const e = call('addEvidence', { optionId: pick(d.options, o.option, 'option', 'option').id, criterionId: pick(d.criteria, o.criterion, 'criterion', 'criterion').id, text, source: o.source });
      io.out(String(e.id));
    });
  evidence
    .command('edit')
    .description('change a piece of evidence')
    .argument('<evidence-id>', 'the evidence id (from show --json or evidence add)', parseId('the evidence id'))
    .option('--text <text>', 'what it says')
    .option('--source <text>', 'where it comes from')
    .action((evidenceId: number, o: { text?: string; source?: string }) => {
      if (o.text === undefined && o.source === undefined) fail('invalid_input', 'Give --text, --source or both.', 'text');
      call('updateEvidence', { evidenceId, text: o.text, source: o.source });
      io.out(`Evidence ${evidenceId} changed.`);
    });
  evidence
    .command('remove')
    .description('remove a piece of evidence')
    .argument('<evidence-id>', 'the evidence id', parseId('the evidence id'))
    .action((evidenceId: number) => {
      call('removeEvidence', { evidenceId });
      io.out(`Evidence ${evidenceId} removed.`);
    });

  const person = subcommand(program, 'person', 'people taking part in a decision');
  decisionArg(person.command('role').description('change the role of someone taking part'))
    .argument('<name>', 'the person (name or id)')
    .addOption(new Option('--role <role>', 'their new role').choices(roles).makeOptionMandatory())
    .action((id: number, ref: string, o: { role: string }) => {
      const p = pick(t.members(detail(id)), ref, 'participant', 'name');
      call('setParticipantRole', { decisionId: id, personId: p.id, role: o.role });
      io.out(`${p.name} takes part as ${o.role}.`);
    });
  decisionArg(person.command('remove').description('remove someone from a decision'))
    .argument('<name>', 'the person (name or id)')
    .action((id: number, ref: string) => {
      const p = pick(t.members(detail(id)), ref, 'participant', 'name');
      call('removeParticipant', { decisionId: id, personId: p.id });
      io.out(`${p.name} no longer takes part.`);
    });

  decisionArg(program.command('ballot').description('a member’s ballot in the open round').command('finish').description('mark a member’s ballot finished (or, with --reopen, not yet)'))
    .requiredOption('--member <name>', 'whose ballot (name or id)')
    .option('--reopen', 'take the finish back')
    .action((id: number, o: { member: string; reopen?: boolean }) => {
      const m = pick(t.members(detail(id)), o.member, 'participant', 'member');
      const b = t.inTurn(id, m.id, (turn) => call('finishBallot', { decisionId: id, memberId: m.id, turn, done: !o.reopen }));
      io.out(`${m.name}’s ballot is ${b.done ? 'finished' : 'open again'}: ${b.filled} of ${b.total} cells filled.`);
    });
  decisionArg(subcommand(program, 'round', 'voting rounds').command('cancel').description('cancel the open round; its votes are discarded unseen'))
    .action((id: number) => {
      call('cancelRound', { decisionId: id });
      io.out('The round is cancelled; nobody saw its votes.');
    });

  decisionArg(program.command('importance').description('rate how much a criterion matters, for a member, in an open round on the weights'))
    .requiredOption('--member <name>', 'who rates (name or id)')
    .requiredOption('--criterion <name>', 'the criterion (name or id)')
    .requiredOption('--score <n>', 'a whole number on the decision’s scale, or "abstain"')
    .option('--why <text>', 'a short reason')
    .action((id: number, o: { member: string; criterion: string; score: string; why?: string }) => {
      const d = detail(id);
      const member = pick(t.members(d), o.member, 'participant', 'member');
      const criterion = pick(d.criteria, o.criterion, 'criterion', 'criterion');
      const importance = o.score.toLowerCase() === 'abstain' ? 'abstain' : /^-?\d+$/.test(o.score) ? Number(o.score) : fail('invalid_input', `--score must be a whole number or "abstain" (got "${o.score}").`, 'score');
      const b = t.inTurn(id, member.id, (turn) => call('castImportance', { decisionId: id, memberId: member.id, turn, criterionId: criterion.id, importance, why: o.why }));
      io.out(`Recorded for ${member.name}: ${b.filled} of ${b.total} importances rated.`);
    });

  decisionArg(program.command('duplicate').description('copy a decision (options, criteria, evidence, people; no votes); prints the new id'))
    .option('--title <text>', 'the copy’s title (default: the original’s, marked as a copy)')
    .action((id: number, o: { title?: string }) => io.out(String(call('duplicateDecision', { decisionId: id, title: o.title }).id)));

  decisionArg(program.command('supersede').description('say that this decision supersedes another one, or an ADR already in a repository'))
    .option('--decision <id>', 'the older decision it replaces', parseId('the decision id'))
    .option('--record <file>', 'the older record’s file name in the ADR folder (with --repo)')
    .option('--repo <dir>', 'the repository holding that record')
    .option('--dir <path>', 'the ADR folder inside the repository (default: found from the repository)')
    .option('--undo', 'take the link back')
    .action((id: number, o: { decision?: number; record?: string; repo?: string; dir?: string; undo?: boolean }) => {
      if ((o.decision === undefined) === (o.record === undefined)) fail('invalid_input', 'Give either --decision ID or --record FILE --repo DIR.', 'decision');
      if (o.decision !== undefined) {
        call(o.undo ? 'unlinkSupersedes' : 'linkSupersedes', { decisionId: id, supersededId: o.decision });
        return io.out(o.undo ? `Decision ${id} no longer supersedes ${o.decision}.` : `Decision ${id} supersedes ${o.decision}.`);
      }
      if (o.repo === undefined) fail('invalid_input', '--record needs --repo DIR, the repository that holds it.', 'repo');
      const linked = call(o.undo ? 'unlinkSupersedesRecord' : 'linkSupersedesRecord', { decisionId: id, repo: resolve(o.repo), adrDir: o.dir, file: o.record });
      io.out(linked.length ? `Decision ${id} supersedes: ${linked.map((r) => r.file).join(', ')}.` : `Decision ${id} supersedes no record.`);
    });

  decisionArg(program.command('delete').description('move a decision to the trash (restore it with `verdict trash restore`)')).action((id: number) => {
    const d = call('deleteDecision', { decisionId: id });
    io.out(`Moved to the trash: ${d.title}. Undo with: verdict trash restore ${d.id}`);
  });
  const trash = program.command('trash').description('deleted decisions: list, restore, delete forever');
  trash
    .command('list', { isDefault: true })
    .description('list the decisions in the trash')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const rows = call('listDecisions', { trash: true });
      if (o.json) json(rows);
      else io.out(rows.length ? decisionList(rows) : 'The trash is empty.');
    });
  decisionArg(trash.command('restore').description('bring a decision back from the trash')).action((id: number) => {
    const d = call('restoreDecision', { decisionId: id });
    io.out(`Restored: ${d.title}.`);
  });
  decisionArg(trash.command('purge').description('delete a decision in the trash forever'))
    .option('--yes', 'confirm: this cannot be undone')
    .action((id: number, o: { yes?: boolean }) => {
      if (!o.yes) fail('invalid_input', `Deleting forever cannot be undone; run again with --yes to delete decision ${id}.`, 'yes');
      call('purgeDecision', { decisionId: id });
      io.out(`Decision ${id} is deleted forever.`);
    });

  decisionArg(program.command('history').description('what happened to a decision, oldest first: a line per ballot, round or burst of edits, as the window shows it'))
    .addOption(new Option('--kind <kind>', 'only this kind of line').choices(historyKinds))
    .option('--all', 'also print every event under its line')
    .option('--json', 'print the events as JSON (with --kind, only that kind)')
    .action((id: number, o: { kind?: HistoryKind; all?: boolean; json?: boolean }) => {
      const events = call('history', { decisionId: id });
      if (o.json) return json(events.filter((e) => o.kind === undefined || kindOf(e.type) === o.kind));
      io.out(historyView(events, detail(id), o));
    });

  program
    .command('call')
    .description('call any method of the contract with JSON input (from the argument or standard input); prints the JSON answer')
    .argument('<method>', 'a method name, e.g. listDecisions')
    .argument('[json]', 'the input, e.g. \'{"decisionId": 1}\' (default: read standard input, or {} when it is a terminal)')
    .action(async (method: string, input: string | undefined) => {
      if (!isMethod(method)) fail('not_found', `Verdict has no method called "${method}".`, 'method');
      // isatty, not process.stdin.isTTY: touching process.stdin makes fd 0 non-blocking before we read it.
      const text = input ?? (isatty(0) ? '{}' : await readStdin());
      let parsed: unknown;
      try {
        parsed = JSON.parse(text || '{}');
      } catch (e) {
        fail('invalid_input', `The input is not JSON: ${(e as Error).message}.`, 'json');
      }
      json(call(method, parsed));
    });
}
