// File names for new records: numbered (adr-tools, MADR) or dated (log4brains), with a transliterated slug.
import slugify from '@sindresorhus/slugify';
import type { Profile } from './render.ts';
import { padNumber } from './render.ts';

const MAX_SLUG = 60;

/** Lowercase ASCII words joined by dashes; never empty, never a path. */
export function slug(title: string): string {
  let s = slugify(title, { lowercase: true, decamelize: false });
  if (s.length > MAX_SLUG) s = s.slice(0, MAX_SLUG).replace(/-[^-]*$/, '') || s.slice(0, MAX_SLUG);
  s = s.replace(/[^a-z0-9-]/g, '').replace(/^-+|-+$/g, '');
  return s || 'decision';
}

export function fileName(profile: Profile, number: number | null, title: string, date: string, suffix = 1): string {
  const tail = suffix > 1 ? `-${suffix}` : '';
  if (profile === 'log4brains') return `${date.replaceAll('-', '')}-${slug(title)}${tail}.md`;
  return `${padNumber(number ?? 1)}-${slug(title)}${tail}.md`;
}
