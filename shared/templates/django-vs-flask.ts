// The decision Verdict was born from, with facts from two comparison articles
// (see ../shared/seeds in the project's workspace), retold in our own words.
import type { TemplateDocument } from './index.ts';

const A1 = 'Resourcifi, "Django vs Flask: choosing a Python web framework" (Feb 2026)';
const A2 = 'Raretechsol, "Django vs Flask: Which is Better in 2026?" (May 2026)';
const BOTH = `${A1}; ${A2}`;

interface Row {
  name: string;
  description: string;
  weight: number;
  django: [text: string, source: string];
  flask: [text: string, source: string];
}

const rows: Row[] = [
  {
    name: 'Database layer / ORM',
    description: 'How much of the data layer comes with the framework: models, queries, migrations.',
    weight: 4,
    django: ['Ships its own ORM: models written in Python get a full database-access API with no extra package.', A1],
    flask: ['No database layer in the core by design; teams add SQLAlchemy (often through Flask-SQLAlchemy) or another tool.', A1],
  },
  {
    name: 'Admin interface',
    description: 'A ready-made back office for staff to browse and edit data.',
    weight: 3,
    django: ['Generates an admin from the models: registering a model gives list, search and edit screens under /admin.', A2],
    flask: ['Nothing built in; an admin comes from a third-party extension.', A1],
  },
  {
    name: 'Authentication',
    description: 'Accounts, login and logout, password reset, groups, permissions and sessions.',
    weight: 4,
    django: ['A complete auth system is included: users, groups, permissions, sessions, login views and password reset.', A2],
    flask: ['Comes from extensions such as Flask-Login; the team configures it and writes its own login views and session handling.', A2],
  },
  {
    name: 'Learning curve',
    description: 'How quickly a developer new to the framework becomes productive.',
    weight: 2,
    django: ['More to learn before the first feature (ORM, admin, conventions), though the patterns carry over to large projects.', A1],
    flask: ['Quick to pick up: the core is small and every line of a small app is visible, which also makes it a good teaching tool.', A2],
  },
  {
    name: 'Flexibility and control',
    description: 'Freedom to choose each component and structure the code our own way.',
    weight: 3,
    django: ['Rated less flexible: it decides many things for you and offers a paved road of conventions.', A2],
    flask: ['Rated very flexible: a minimal core on Werkzeug and Jinja, with the database, forms and every library left to the team.', A1],
  },
  {
    name: 'Setup time',
    description: 'Time from an empty folder to a running, useful application.',
    weight: 1,
    django: ['About 5 to 10 minutes to set up a project, but for apps with users, roles and content it saves weeks later.', A2],
    flask: ['About 2 minutes; a complete JSON endpoint fits in roughly ten lines.', A2],
  },
  {
    name: 'Scale',
    description: 'Evidence that it carries high traffic and large code bases.',
    weight: 3,
    django: ['Runs some of the busiest sites online; Instagram (originally), Pinterest, Disqus and Mozilla are cited users.', BOTH],
    flask: ['Scales horizontally when designed for it (blueprints, a load balancer); Netflix, Airbnb and Lyft run some services on it.', BOTH],
  },
  {
    name: 'Performance',
    description: 'Raw request overhead of the framework itself.',
    weight: 2,
    django: ['Called slightly slower: its built-in features add some overhead, though queries and caching matter far more.', A2],
    flask: ['Called slightly faster because it starts lean; both are fast enough for most applications.', BOTH],
  },
  {
    name: 'Community and ecosystem',
    description: 'Packages, documentation, answers and people to ask.',
    weight: 3,
    django: ['Huge community and an ecosystem grown since 2005; Django REST Framework is the most popular Python API framework.', A2],
    flask: ['Large community and a wide range of extensions for what the core leaves out.', BOTH],
  },
  {
    name: 'Jobs and hiring',
    description: 'How easy it is to hire for it, or to find work with it.',
    weight: 2,
    django: ['More job postings ask for Django, and clients on freelance platforms search for Django developers more often.', A2],
    flask: ['Fewer postings; a Django developer can learn Flask in about a weekend.', A2],
  },
  {
    name: 'Maturity',
    description: 'Age, stability and production track record.',
    weight: 2,
    django: ['First released in 2005; mature and production-ready.', A1],
    flask: ['First released in 2010 as a microframework; mature and production-ready.', A1],
  },
  {
    name: 'Best fit',
    description: 'How well the framework matches the kind of application we are building.',
    weight: 4,
    django: ['Best for full web applications: content-heavy sites, data-driven products, internal tools, SaaS and CMS work.', BOTH],
    flask: ['Best for lean REST APIs, microservices, prototypes and stacks the team wants to assemble itself.', BOTH],
  },
];

export const djangoVsFlask: TemplateDocument = {
  id: 'django-vs-flask',
  title: 'Django vs Flask',
  description: 'Choose a Python web framework: 2 options, 12 criteria, with evidence from two comparison articles.',
  document: {
    title: 'Use Django or Flask for our Python web application',
    context:
      'We are starting a Python web application and must pick its framework. Django bundles an ORM, an admin, ' +
      'authentication and forms, so many choices are made for us. Flask keeps a deliberately small core and leaves ' +
      'the database, forms and auth to extensions we pick. Both are mature and production-ready; the real question ' +
      'is how much we want the framework to decide for us.',
    drivers: [
      '* Do we need an admin panel? That points to Django.',
      '* Do we need user accounts and login? That points to Django.',
      '* Is it a SaaS or content product? That points to Django.',
      '* Is it a small API? That points to Flask.',
      '* Is it a microservice? That points to Flask.',
      '* Is the team still learning web development? Flask first, then Django.',
      '* Is it freelance or client work? That points to Django.',
    ].join('\n'),
    tags: ['python', 'web-framework'],
    options: [
      { id: 1, name: 'Django', description: 'Batteries-included, full-stack framework, first released in 2005.' },
      { id: 2, name: 'Flask', description: 'Microframework on Werkzeug and Jinja, first released in 2010.' },
    ],
    criteria: rows.map((r, i) => ({ id: i + 1, name: r.name, description: r.description, weight: r.weight })),
    evidence: rows.flatMap((r, i) => [
      { optionId: 1, criterionId: i + 1, text: r.django[0], source: r.django[1] },
      { optionId: 2, criterionId: i + 1, text: r.flask[0], source: r.flask[1] },
    ]),
  },
};
