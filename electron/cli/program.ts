// The `verdict` command line: each command builds an input and calls the same handlers as the app.
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readRepoFile } from '../adr/read.ts';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { draftReason } from '../../shared/adr/reason.ts';
import type { Method, Output } from '../../shared/api.ts';
import { fail, UserError } from '../../shared/reply.ts';
import { jsonForTerminal } from '../../shared/text.ts';
import { statuses } from '../../shared/status.ts';
import { adrProfiles, roles, type DecisionDetail } from '../../shared/types.ts';
import { resolveDbPath } from '../db/location.ts';
import type { Service } from '../service.ts';
import { parseId, pick } from './args.ts';
import { addEditingCommands } from './editing.ts';
import { addExamples } from './examples.ts';
import { decisionList, decisionView, resultsView, scanView } from './format.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Starts web mode; kept apart so the CLI can be tested without a server. */
  serve?(service: Service, port: number): Promise<void>;
}

const parsePort = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`the port must be a number from 0 to 65535 (got "${value}").`);
  return n;
};

/** A decision document is large at most with many votes and evidence: 32 MiB is far beyond any real one. */
const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

// The store's code (every handler, every schema) loads only for commands that use it, so --help answers at once.
let serviceModule: typeof import('../service.ts') | undefined;
const loadService = async () => (serviceModule ??= await import('../service.ts'));
const helpOnly = (argv: string[]) => argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');

export function buildProgram(io: Io): { program: Command; dispose(): void } {
  let service: Service | undefined;
  const program = new Command('verdict');
  const dbFile = () => resolveDbPath(program.opts<{ db?: string }>().db, io.env);
  // The actor names the door in the history: "cli" for commands, "web" for what web mode's page does.
  // An unexpected error reaches the user as one line (run() prints it); its stack only with VERDICT_DEBUG.
  const onInternal = (e: unknown) => void (io.env.VERDICT_DEBUG ? io.err(e instanceof Error ? (e.stack ?? e.message) : String(e)) : undefined);
  const open = (actor: 'cli' | 'web' = 'cli'): Service => {
    if (serviceModule === undefined) throw new Error('the store was not loaded');
    return (service ??= serviceModule.openService(dbFile(), { actor, onInternal }));
  };
  const call = <M extends Method>(name: M, input: unknown): Output<M> => {
    const reply = open().call(name, input);
    if (!reply.ok) throw new UserError(reply.error.code, reply.error.message, reply.error.field);
    return reply.value as Output<M>;
  };
  /**
   * The CLI is the team's own scripting door: a vote takes the member's turn (refused while the ballot is
   * open on a screen), casts, and gives it back, all in one transaction, so a refusal changes nothing.
   */
  const inTurn = <T>(decisionId: number, memberId: number, cast: (turn: string) => T): T =>
    open()
      .ctx.db.transaction(() => {
        const { turn } = call('takeTurn', { decisionId, memberId });
        const done = cast(turn);
        call('endTurn', { decisionId, turn });
        return done;
      })
      .immediate();
  const detail = (id: number): DecisionDetail => call('getDecision', { decisionId: id });
  const members = (d: DecisionDetail) => d.participants.map((p) => ({ id: p.personId, name: p.name }));
  const json = (value: unknown) => io.out(jsonForTerminal(JSON.stringify(value, null, 2)));

  program
    .description('Verdict: architecture decisions made together, from the command line.')
    .option('--db <file>', 'the database file (default: $VERDICT_DB, else verdict.db in the app’s data folder)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      outputError: (s, write) => write(`verdict: ${s.replace(/^error: /, '')}`),
    });

  program
    .command('list')
    .description('list decisions, most recently changed first')
    .option('--json', 'print JSON')
    .addOption(new Option('--status <status>', 'only decisions with this status').choices(statuses))
    .option('--search <text>', 'only decisions whose title, context or tags contain the text')
    .option('--trash', 'list the decisions in the trash instead')
    .action((o: { json?: boolean; status?: string; search?: string; trash?: boolean }) => {
      const rows = call('listDecisions', { status: o.status, search: o.search, trash: o.trash });
      if (o.json) json(rows);
      else io.out(decisionList(rows));
    });

  program
    .command('new')
    .description('create a decision and print only its id')
    .argument('<title>', 'the decision’s title')
    .addOption(new Option('--template <id>', 'start from a template').choices(['django-vs-flask', 'blank']).default('blank'))
    .action((title: string, o: { template: string }) => io.out(String(call('createDecision', { title, template: o.template }).id)));

  program
    .command('show')
    .description('show a decision (with --json, in the form `import` reads)')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .option('--json', 'print JSON')
    .action((id: number, o: { json?: boolean }) => (o.json ? json(detail(id)) : io.out(decisionView(detail(id)))));

  program
    .command('import')
    .description('create a decision from a JSON file written by `show --json`; prints the new id')
    .argument('<file>', 'the JSON file')
    .action((file: string) => {
      let document: unknown;
      try {
        // Through the guarded reader: a pipe or a device is refused at once, not read until it ends.
        const path = realpathSync(file);
        document = JSON.parse(readRepoFile(dirname(path), path, MAX_DOCUMENT_BYTES));
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
        fail('invalid_input', `Cannot read ${file} as JSON: ${reason}.`, 'file');
      }
      io.out(String(call('importDecision', { document }).id));
    });

  program
    .command('import-adr')
    .description('create a decision from an ADR (MADR, Nygard / adr-tools, log4brains, or Verdict’s own); prints the new id')
    .argument('<file>', 'the record, e.g. docs/decisions/0007-use-django.md')
    .action((file: string) => {
      const r = call('importAdr', { path: resolve(file) });
      io.out(String(r.decision.id));
      const d = r.decision;
      io.err(`Read ${r.file} (${r.profile}): "${d.title}", ${d.status}, ${d.options.length} options, ${d.criteria.length} criteria.`);
      if (r.supersedes) io.err(`Exporting it into ${r.supersedes.adrDir} will supersede ${r.file}.`);
      for (const n of r.notes) io.err(n);
    });

  const item = (kind: 'option' | 'criterion') =>
    program
      .command(kind)
      .description(`add ${kind === 'option' ? 'an option' : 'a criterion'} to a decision`)
      .command('add')
      .argument('<id>', 'decision id', parseId('the decision id'))
      .argument('<name>', `the ${kind}’s name`)
      .option('--description <text>', 'what it means');
  item('option').action((id: number, name: string, o: { description?: string }) => io.out(String(call('addOption', { decisionId: id, name, description: o.description }).id)));
  item('criterion')
    .option('--weight <n>', 'its importance (any non-negative number; shown as a percentage of all weights)', (v) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`the weight must be a number (got "${v}").`);
      return n;
    })
    .action((id: number, name: string, o: { description?: string; weight?: number }) =>
      io.out(String(call('addCriterion', { decisionId: id, name, description: o.description, weight: o.weight }).id)),
    );

  program
    .command('person')
    .description('people taking part in a decision')
    .command('add')
    .description('add a person (new or from the roster) to a decision')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .argument('<name>', 'the person’s name')
    .addOption(new Option('--role <role>', 'their role').choices(roles).default('decision-maker'))
    .action((id: number, name: string, o: { role: string }) => {
      const p = call('addParticipant', { decisionId: id, name, role: o.role });
      io.out(`${p.name} takes part as ${p.role}.`);
    });

  const round = program.command('round').description('voting rounds');
  round
    .command('open')
    .description('open a voting round (all criteria, or re-vote one)')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .option('--criterion <name>', 're-vote only this criterion (name or id)')
    .addOption(new Option('--kind <kind>', 'what the round votes on').choices(['scores', 'weights']).default('scores'))
    .action((id: number, o: { criterion?: string; kind: string }) => {
      const d = detail(id);
      const criterionId = o.criterion === undefined ? undefined : pick(d.criteria, o.criterion, 'criterion', 'criterion').id;
      const r = call('openRound', { decisionId: id, kind: o.kind, criterionId });
      io.out(`Round ${r.seq} is open: votes stay hidden until \`verdict round reveal ${id}\`.`);
    });
  round
    .command('reveal')
    .description('reveal the open round’s votes, all at once')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .action((id: number) => {
      const r = call('revealRound', { decisionId: id });
      io.out(`Round ${r.seq} revealed: ${r.progress.filter((m) => m.done).length} of ${r.progress.length} had finished.`);
    });

  program
    .command('vote')
    .description('cast one score (or an abstention) for a member in the open round')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .requiredOption('--member <name>', 'who votes (name or id)')
    .requiredOption('--option <name>', 'the option (name or id)')
    .requiredOption('--criterion <name>', 'the criterion (name or id)')
    .requiredOption('--score <n>', 'a whole number on the decision’s scale, or "abstain"')
    .option('--why <text>', 'a short reason')
    .action((id: number, o: { member: string; option: string; criterion: string; score: string; why?: string }) => {
      const d = detail(id);
      const member = pick(members(d), o.member, 'participant', 'member');
      const option = pick(d.options, o.option, 'option', 'option');
      const criterion = pick(d.criteria, o.criterion, 'criterion', 'criterion');
      const score = o.score.toLowerCase() === 'abstain' ? 'abstain' : /^-?\d+$/.test(o.score) ? Number(o.score) : fail('invalid_input', `--score must be a whole number or "abstain" (got "${o.score}").`, 'score');
      const b = inTurn(id, member.id, (turn) => call('castScore', { decisionId: id, memberId: member.id, turn, optionId: option.id, criterionId: criterion.id, score, why: o.why }));
      io.out(`Recorded for ${member.name}: ${b.filled} of ${b.total} cells filled.`);
    });

  program
    .command('results')
    .description('the ranking, weights, disagreements and sensitivity (refused while votes are hidden)')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .option('--json', 'print JSON')
    .action((id: number, o: { json?: boolean }) => {
      const r = call('results', { decisionId: id });
      if (o.json) json(r);
      else io.out(resultsView(r, detail(id)));
    });

  program
    .command('decide')
    .description('record the chosen option and the decision’s status')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .requiredOption('--option <name>', 'the chosen option (name or id)')
    .addOption(new Option('--status <status>', 'the new status').choices(['proposed', 'accepted', 'rejected']).makeOptionMandatory())
    .option('--why <text>', 'why (required when it is not the top-ranked option)')
    .action((id: number, o: { option: string; status: string; why?: string }) => {
      const option = pick(detail(id).options, o.option, 'option', 'option');
      const d = call('decide', { decisionId: id, optionId: option.id, status: o.status, why: o.why });
      io.out(`Decision ${d.id} is ${d.status}: ${option.name}.`);
      // The record says "because …": without --why, the sentence drafted from the results, shown so it can be changed.
      if (!o.why?.trim()) {
        const draft = draftReason(d, call('results', { decisionId: id }), option.id);
        if (draft) io.err(`The record will say: because ${draft}. Give the team's own words with --why.`);
      }
    });

  program
    .command('export')
    .description('write the decision as an ADR into a repository, following its convention; prints the path written')
    .argument('<id>', 'decision id', parseId('the decision id'))
    .requiredOption('--repo <dir>', 'the repository (or any folder in it)')
    .addOption(new Option('--format <profile>', 'the ADR format (default: the repository’s own)').choices(adrProfiles))
    .option('--dir <path>', 'the ADR folder inside the repository (default: found from the repository)')
    .option('--dry-run', 'print the markdown and where it would go; write nothing')
    .option('--new-file', 'if the record was edited in the repository since Verdict wrote it, write a new record instead')
    .option('--overwrite', 'if the record was edited in the repository since Verdict wrote it, replace it (the edits are lost)')
    .option('--branch [name]', 'commit the record on a new branch from HEAD instead (default name: adr/NNNN-title); your working tree is left as it is')
    .action((id: number, o: { repo: string; format?: string; dir?: string; dryRun?: boolean; newFile?: boolean; overwrite?: boolean; branch?: string | true }) => {
      if (o.newFile && o.overwrite) fail('invalid_input', 'Choose --new-file or --overwrite, not both.', 'overwrite');
      const where = { decisionId: id, repo: resolve(o.repo), adrDir: o.dir, format: o.format };
      if (o.dryRun) {
        const plan = call('previewExport', where);
        io.err(`${plan.action === 'conflict' ? 'Would refuse (edited since Verdict wrote it)' : `Would ${plan.action}`}: ${plan.folder.adrDir}/${plan.file} (${plan.folder.profile})`);
        if (o.branch !== undefined) {
          const b = plan.branch;
          io.err(b.available ? `Would commit ${plan.folder.adrDir}/${b.file} on a new branch, ${o.branch === true ? b.name : o.branch}.` : `Cannot commit on a new branch: ${b.reason}`);
        }
        io.out(plan.markdown.trimEnd());
        return;
      }
      try {
        const done = call('exportAdr', { ...where, onConflict: o.newFile ? 'new-file' : o.overwrite ? 'overwrite' : 'refuse', branch: o.branch });
        if (done.branch) {
          const b = done.branch;
          io.out(`Committed ${b.files[0]} on a new branch, ${b.name}${b.from ? `, from ${b.from}` : ''} (${b.commit.slice(0, 12)}); your working tree is unchanged.`);
          io.out(`Push it with: ${b.push}`);
        } else io.out(done.path);
        for (const file of done.superseded) io.err(`Marked superseded: ${file}`);
      } catch (e) {
        if (e instanceof UserError && e.field === 'onConflict') fail('conflict', `${e.message.replace(/ Export it as .*$/, '')} Run again with --new-file or --overwrite.`);
        throw e;
      }
    });

  program
    .command('scan')
    .description('list the ADRs a repository holds: number, title, status, date, file')
    .requiredOption('--repo <dir>', 'the repository (or any folder in it)')
    .option('--dir <path>', 'the ADR folder inside the repository (default: found from the repository)')
    .option('--json', 'print JSON')
    .action((o: { repo: string; dir?: string; json?: boolean }) => {
      const scan = call('scanRepo', { repo: resolve(o.repo), adrDir: o.dir });
      if (o.json) json(scan);
      else io.out(scanView(scan));
    });

  program
    .command('backup')
    .description('write a consistent copy of the whole database to a file')
    .argument('<file>', 'where the copy goes')
    .action(async (file: string) => {
      const { backupDatabase } = await import('../db/backup.ts');
      const b = await backupDatabase(open().ctx.db, resolve(file));
      io.out(`Backed up ${b.decisions} decision${b.decisions === 1 ? '' : 's'} to ${b.path} (${b.bytes} bytes).`);
    });

  program
    .command('restore')
    .description('replace the database with a backup, after checking it; the current one is kept beside it (close the app first)')
    .argument('<file>', 'the backup to restore')
    .action(async (file: string) => {
      const dbPath = dbFile();
      if (service) fail('conflict', 'The database is open; restore needs it closed.');
      const { restoreDatabase } = await import('../db/backup.ts');
      const r = await restoreDatabase(dbPath, resolve(file));
      io.out(`Restored ${r.decisions} decision${r.decisions === 1 ? '' : 's'} into ${r.path}.`);
      if (r.keptAt) io.err(`The previous database is kept at ${r.keptAt}`);
    });

  program
    .command('serve')
    .description('serve web mode on 127.0.0.1 (as `npm run web`)')
    .option('--port <n>', 'the port (0 picks a free one)', parsePort, 4780)
    .action(async (o: { port: number }) => {
      if (io.serve === undefined) throw new Error('serve is not available here');
      await io.serve(open('web'), o.port);
    });

  addEditingCommands(program, { io, call, detail, json, members, inTurn });
  addExamples(program);

  return { program, dispose: () => service?.close() };
}

/** Runs one command line; returns the exit code. Every error is one readable line on stderr. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { program, dispose } = buildProgram(io);
  // One line, whatever the error's message holds.
  const say = (e: unknown) => io.err(`verdict: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}`);
  let code: number;
  try {
    if (!helpOnly(argv)) await loadService();
    await program.parseAsync(argv, { from: 'user' });
    code = 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    say(e);
    code = 1;
  }
  // Closing can fail too (a store locked elsewhere): still one line, never a stack.
  try {
    dispose();
  } catch (e) {
    say(e);
    code = 1;
  }
  return code;
}
