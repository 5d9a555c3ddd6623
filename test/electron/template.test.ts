import { describe, expect, it } from 'vitest';
import { ok, openTestService } from '../helpers.ts';

describe('the Django vs Flask template', () => {
  const s = openTestService();
  const d = ok(s, 'createDecision', { title: 'Django or Flask for the billing service', template: 'django-vs-flask' });

  it('has the two options with descriptions', () => {
    expect(d.title).toBe('Django or Flask for the billing service');
    expect(d.options.map((o) => o.name)).toEqual(['Django', 'Flask']);
    expect(d.options.every((o) => o.description.length > 20)).toBe(true);
  });

  it('draws its criteria from both articles’ comparison tables, each described and weighted', () => {
    expect(d.criteria.map((c) => c.name)).toEqual([
      'Database layer / ORM',
      'Admin interface',
      'Authentication',
      'Learning curve',
      'Flexibility and control',
      'Setup time',
      'Scale',
      'Performance',
      'Community and ecosystem',
      'Jobs and hiring',
      'Maturity',
      'Best fit',
    ]);
    for (const c of d.criteria) {
      expect(c.description.length, c.name).toBeGreaterThan(20);
      expect(c.weight, c.name).toBeGreaterThan(0);
    }
  });

  it('has an evidence note with its source for every option × criterion', () => {
    for (const o of d.options) {
      for (const c of d.criteria) {
        const notes = d.evidence.filter((e) => e.optionId === o.id && e.criterionId === c.id);
        expect(notes, `${o.name} × ${c.name}`).toHaveLength(1);
        expect(notes[0]!.source).toMatch(/Resourcifi|Raretechsol/);
      }
    }
    const text = (option: string, criterion: string) =>
      d.evidence.find((e) => e.optionId === d.options.find((o) => o.name === option)!.id && e.criterionId === d.criteria.find((c) => c.name === criterion)!.id)!.text;
    expect(text('Django', 'Maturity')).toContain('2005');
    expect(text('Flask', 'Maturity')).toContain('2010');
    expect(text('Flask', 'Database layer / ORM')).toContain('SQLAlchemy');
    expect(text('Flask', 'Setup time')).toContain('2 minutes');
  });

  it('turns the quick decision guide into decision drivers', () => {
    expect(d.drivers.split('\n')).toHaveLength(7);
    expect(d.drivers).toMatch(/admin panel\? That points to Django/);
    expect(d.drivers).toMatch(/microservice\? That points to Flask/);
  });
});
