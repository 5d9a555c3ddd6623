// One example per command, shown at the end of `verdict COMMAND --help`.
import type { Command } from 'commander';

export const examples: Record<string, string> = {
  list: 'verdict list --status accepted --search billing',
  new: 'verdict new "Django or Flask for billing" --template django-vs-flask',
  show: 'verdict show 1 --json > decision.json',
  import: 'verdict import decision.json',
  'import-adr': 'verdict import-adr ~/src/billing/docs/decisions/0007-use-django-for-billing.md',
  set: 'verdict set 1 --context "Billing needs an admin" --anonymous on',
  status: 'verdict status 1 proposed',
  'option add': 'verdict option add 1 Pyramid --description "A third contender"',
  'option rename': 'verdict option rename 1 Pyramid "Pyramid 2"',
  'option describe': 'verdict option describe 1 Flask "Microframework with extensions"',
  'option move': 'verdict option move 1 Flask 1',
  'option remove': 'verdict option remove 1 Pyramid',
  'criterion add': 'verdict criterion add 1 "Hosting cost" --weight 10',
  'criterion rename': 'verdict criterion rename 1 "Hosting cost" "Running cost"',
  'criterion describe': 'verdict criterion describe 1 "Running cost" "Servers and licences per year"',
  'criterion move': 'verdict criterion move 1 "Running cost" 2',
  'criterion remove': 'verdict criterion remove 1 "Running cost"',
  'criterion weight': 'verdict criterion weight 1 "Admin interface" 20',
  'evidence add': 'verdict evidence add 1 --option Django --criterion "Admin interface" "Ships a full admin" --source https://docs.djangoproject.com/',
  'evidence edit': 'verdict evidence edit 12 --source "Django docs"',
  'evidence remove': 'verdict evidence remove 12',
  'person add': 'verdict person add 1 Ana --role facilitator',
  'person role': 'verdict person role 1 Bo --role consulted',
  'person remove': 'verdict person remove 1 Bo',
  'round open': 'verdict round open 1 --criterion "Admin interface"',
  'round reveal': 'verdict round reveal 1',
  'round cancel': 'verdict round cancel 1',
  vote: 'verdict vote 1 --member Ana --option Django --criterion "Admin interface" --score 5 --why "We need the back office"',
  importance: 'verdict importance 1 --member Ana --criterion "Admin interface" --score 5',
  duplicate: 'verdict duplicate 1 --title "Django or Flask for reporting"',
  supersede: 'verdict supersede 4 --record 0003-use-flask.md --repo ~/src/billing',
  'ballot finish': 'verdict ballot finish 1 --member Ana',
  results: 'verdict results 1 --json',
  decide: 'verdict decide 1 --option Django --status accepted',
  export: 'verdict export 1 --repo ~/src/billing --branch',
  scan: 'verdict scan --repo ~/src/billing',
  backup: 'verdict backup ~/verdict-2026-12-01.verdict',
  restore: 'verdict restore ~/verdict-2026-12-01.verdict',
  serve: 'verdict serve --port 8080',
  delete: 'verdict delete 3',
  'trash list': 'verdict trash',
  'trash restore': 'verdict trash restore 3',
  'trash purge': 'verdict trash purge 3 --yes',
  history: 'verdict history 1 --kind votes --all',
  call: 'verdict call results \'{"decisionId": 1}\'',
};

const path = (c: Command): string => {
  const names: string[] = [];
  for (let at: Command | null = c; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
};

/** Every command that runs something (no subcommands of its own). */
export function leafCommands(program: Command): Command[] {
  return program.commands.flatMap((c) => (c.commands.length ? leafCommands(c) : [c]));
}

export function addExamples(program: Command): void {
  for (const c of leafCommands(program)) {
    const example = examples[path(c)];
    if (example) c.addHelpText('after', `\nExample:\n  $ ${example}`);
  }
}

export { path as commandPath };
