// A Django vs Flask workshop with three members, a re-vote and a decision, and markdownlint as the tests run it.
import { lint } from 'markdownlint/sync';
import type { Service } from '../electron/service.ts';
import { inTurn, ok } from './helpers.ts';

export function lintMarkdown(text: string): string[] {
  const result = lint({ strings: { adr: text }, config: { default: true, MD013: false } });
  return (result.adr ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription}${e.errorDetail ? ` [${e.errorDetail}]` : ''}${e.errorContext ? ` {${e.errorContext}}` : ''}`);
}

export function djangoWorkshop(s: Service, title = 'Use Django or Flask for the billing service') {
  const d = ok(s, 'createDecision', { title, template: 'django-vs-flask' });
  ok(s, 'updateDecision', {
    decisionId: d.id,
    patch: {
      context: 'The billing service needs staff screens for refunds and invoices, user accounts with roles, and a relational database.',
      consequencesGood: 'The refund and invoice screens come from the generated admin.\nGood, because accounts and sessions need no extra packages.',
      consequencesBad: 'We accept Django’s conventions where Flask would leave the choice to us.',
      confirmation: 'The first staff screen ships on the Django admin within the first sprint.',
    },
  });
  const [ana, bo, cy] = ['Ana Lima', 'Bo Chen', 'Cy Okafor'].map((name, i) => ok(s, 'addParticipant', { decisionId: d.id, name, role: i === 2 ? 'consulted' : 'decision-maker' }).personId) as [number, number, number];
  ok(s, 'addParticipant', { decisionId: d.id, name: 'Dee Facil', role: 'facilitator' });
  ok(s, 'addParticipant', { decisionId: d.id, name: 'Platform team', role: 'informed' });
  const [django, flask] = d.options.map((o) => o.id) as [number, number];
  const flexibility = d.criteria.find((c) => c.name === 'Flexibility and control')!.id;
  ok(s, 'openRound', { decisionId: d.id });
  const favour: Record<number, [number, number]> = { [ana]: [5, 2], [bo]: [4, 3], [cy]: [4, 2] };
  for (const m of [ana, bo, cy]) {
    for (const c of d.criteria) {
      const [dj, fl] = c.id === flexibility ? [2, 5] : favour[m]!;
      inTurn(s, 'castScore', { decisionId: d.id, memberId: m, optionId: django, criterionId: c.id, score: dj });
      const why = m === ana && c.name === 'Admin interface' ? 'no admin panel without an extension' : undefined;
      inTurn(s, 'castScore', { decisionId: d.id, memberId: m, optionId: flask, criterionId: c.id, score: m === cy && c.id === flexibility ? 1 : fl, why });
    }
    inTurn(s, 'finishBallot', { decisionId: d.id, memberId: m });
  }
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'openRound', { decisionId: d.id, criterionId: flexibility });
  for (const m of [ana, bo, cy]) {
    inTurn(s, 'castScore', { decisionId: d.id, memberId: m, optionId: django, criterionId: flexibility, score: 2 });
    inTurn(s, 'castScore', { decisionId: d.id, memberId: m, optionId: flask, criterionId: flexibility, score: 4 });
  }
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'decide', { decisionId: d.id, optionId: django, status: 'accepted', why: 'its built-in admin, authentication and ORM cover our heaviest criteria' });
  return { decisionId: d.id, django, flask, members: { ana, bo, cy } };
}

/**
 * Two members disagree on Flask's flexibility and say why (one reason on two lines, one with markdown and HTML
 * characters); a re-vote of that criterion keeps it flagged, Ana re-votes without a new reason. Ana also explains a
 * cell nobody disagrees on, which the record leaves out.
 */
export function reasonsWorkshop(s: Service, { anonymous = false } = {}) {
  const d = ok(s, 'createDecision', { title: 'Pick a framework for the billing API' });
  if (anonymous) ok(s, 'updateDecision', { decisionId: d.id, patch: { anonymous } });
  const [django, flask] = ['Django', 'Flask'].map((name) => ok(s, 'addOption', { decisionId: d.id, name }).id) as [number, number];
  const [speed, flexibility] = [
    ['Speed of delivery', 3],
    ['Flexibility', 2],
  ].map(([name, weight]) => ok(s, 'addCriterion', { decisionId: d.id, name, weight }).id) as [number, number];
  const [ana, bo, cy] = ['Ana Lima', 'Bo Chen', 'Cy Okafor'].map((name) => ok(s, 'addParticipant', { decisionId: d.id, name, role: 'decision-maker' }).personId) as [number, number, number];
  const vote = (memberId: number, optionId: number, criterionId: number, score: number, why?: string) =>
    inTurn(s, 'castScore', { decisionId: d.id, memberId, optionId, criterionId, score, why });
  ok(s, 'openRound', { decisionId: d.id });
  for (const m of [ana, bo, cy]) {
    vote(m, django, speed, 5, m === ana ? 'The admin comes for free' : undefined);
    vote(m, flask, speed, 3);
    vote(m, django, flexibility, 3);
  }
  vote(ana, flask, flexibility, 1, 'We would rebuild the admin\nand the auth ourselves');
  vote(bo, flask, flexibility, 5, 'Werkzeug lets us pick every piece');
  vote(cy, flask, flexibility, 3, 'Half the *plugins* are <unmaintained> | #sad');
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'openRound', { decisionId: d.id, criterionId: flexibility });
  for (const m of [ana, bo, cy]) vote(m, django, flexibility, 3);
  vote(ana, flask, flexibility, 2);
  vote(bo, flask, flexibility, 5, 'Still: we own the glue,\nnot a framework');
  vote(cy, flask, flexibility, 4);
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'decide', { decisionId: d.id, optionId: django, status: 'accepted', why: 'it ships the billing screens soonest' });
  return { decisionId: d.id, django, flask, speed, flexibility, members: { ana, bo, cy } };
}

/**
 * Two disagreements a re-vote of everything settles, and one it does not. Round 1: Django's speed of delivery 5, 2, 5
 * (Ana and Bo say why), Flask's speed 1, 3, 3 (nobody says why), Flask's flexibility 1, 5, 3 (all three say why).
 * Round 2: speed agrees (Bo explains his change of mind, Ana keeps her round-1 reason), Flask's flexibility does not.
 */
export function settledWorkshop(s: Service, { anonymous = false } = {}) {
  const d = ok(s, 'createDecision', { title: 'Pick a framework for the billing API' });
  if (anonymous) ok(s, 'updateDecision', { decisionId: d.id, patch: { anonymous } });
  const [django, flask] = ['Django', 'Flask'].map((name) => ok(s, 'addOption', { decisionId: d.id, name }).id) as [number, number];
  const [speed, flexibility] = [
    ['Speed of delivery', 3],
    ['Flexibility', 2],
  ].map(([name, weight]) => ok(s, 'addCriterion', { decisionId: d.id, name, weight }).id) as [number, number];
  const [ana, bo, cy] = ['Ana Lima', 'Bo Chen', 'Cy Okafor'].map((name) => ok(s, 'addParticipant', { decisionId: d.id, name, role: 'decision-maker' }).personId) as [number, number, number];
  const vote = (memberId: number, optionId: number, criterionId: number, score: number, why?: string) =>
    inTurn(s, 'castScore', { decisionId: d.id, memberId, optionId, criterionId, score, why });
  ok(s, 'openRound', { decisionId: d.id });
  vote(ana, django, speed, 5, 'The admin comes for free (*really*) <b>');
  vote(bo, django, speed, 2, 'Nobody here has shipped\nDjango *yet*');
  vote(cy, django, speed, 5);
  for (const [m, score] of [[ana, 1], [bo, 3], [cy, 3]] as const) vote(m, flask, speed, score);
  for (const m of [ana, bo, cy]) vote(m, django, flexibility, 3);
  vote(ana, flask, flexibility, 1, 'We would rebuild the admin\nand the auth ourselves');
  vote(bo, flask, flexibility, 5, 'Werkzeug lets us pick every piece');
  vote(cy, flask, flexibility, 3, 'Half the plugins are unmaintained');
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'openRound', { decisionId: d.id });
  vote(ana, django, speed, 5);
  vote(bo, django, speed, 4, 'Ana showed us the admin:\nthat is weeks we do not spend');
  vote(cy, django, speed, 5);
  for (const m of [ana, bo, cy]) {
    vote(m, flask, speed, 3);
    vote(m, django, flexibility, 3);
  }
  vote(ana, flask, flexibility, 2);
  vote(bo, flask, flexibility, 5);
  vote(cy, flask, flexibility, 4);
  ok(s, 'revealRound', { decisionId: d.id });
  ok(s, 'decide', { decisionId: d.id, optionId: django, status: 'accepted', why: 'it ships the billing screens soonest' });
  return { decisionId: d.id, django, flask, speed, flexibility, members: { ana, bo, cy } };
}
