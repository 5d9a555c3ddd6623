// A child process for the crash and two-writer tests: it writes through the real handlers and reports each
// write only after the handler returned, i.e. after its transaction committed.
//   votes  <db> <decisionId> <start> <turns>   cast votes i = start, start+1, … forever, in the members' turns
//                                            (JSON memberId → turn); prints "ack i" per vote
//   writer <db> <name> <count>         create <count> decisions and cast a vote after each; prints a JSON summary
//   open   <db>                        waits for "go" on stdin, opens (and so upgrades) the file; prints a JSON summary
import { writeSync } from 'node:fs';
import { openService } from '../../electron/service.ts';
import { nthVote } from './sequence.ts';

const [mode, db, ...args] = process.argv.slice(2);
// Synchronous writes: an "ack" is on its way to the parent before the next vote starts. The pipe may be
// non-blocking and full when the parent is slow to read (a loaded machine): wait and write the rest.
const pause = new Int32Array(new SharedArrayBuffer(4));
function say(line: string): void {
  let rest = Buffer.from(`${line}\n`);
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(1, rest));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}
if (mode === 'open') {
  say('ready');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  try {
    const opened = openService(db!, { actor: `worker-${process.pid}` });
    say(JSON.stringify({ backup: opened.backup }));
    opened.close();
  } catch (e) {
    say(JSON.stringify({ error: (e as Error).message }));
  }
  process.exit(0);
}
const service = openService(db!, { actor: `worker-${process.pid}`, onInternal: (e) => writeSync(2, `internal: ${String(e)}\n`) });

if (mode === 'votes') {
  const reply = service.call('getDecision', { decisionId: Number(args[0]) });
  if (!reply.ok) throw new Error(reply.error.message);
  const d = reply.value;
  const turns = new Map(Object.entries(JSON.parse(args[2]!) as Record<string, string>).map(([m, t]) => [Number(m), t]));
  say('ready');
  for (let i = Number(args[1]); ; i++) {
    const vote = nthVote(d, i);
    const r = service.call('castScore', { ...vote, turn: turns.get(vote.memberId) });
    if (!r.ok) {
      say(`error ${i} ${r.error.code} ${r.error.message}`);
      process.exit(1);
    }
    say(`ack ${i}`);
  }
} else if (mode === 'writer') {
  const [name, count] = [args[0]!, Number(args[1])];
  const errors: string[] = [];
  let written = 0;
  say('ready');
  for (let k = 0; k < count; k++) {
    const d = service.call('createDecision', { title: `${name} ${k}` });
    const o = d.ok ? service.call('addOption', { decisionId: d.value.id, name: 'Only option' }) : d;
    if (d.ok && o.ok) written++;
    else errors.push(d.ok ? (o.ok ? '' : o.error.code) : d.error.code);
  }
  service.close();
  say(JSON.stringify({ written, errors }));
}
