// Parsing command-line arguments into what the contract takes; shared by every command module.
import { InvalidArgumentError } from 'commander';
import { fail } from '../../shared/reply.ts';

export const parseId = (what: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`${what} must be a whole number, like 3 (got "${value}").`);
  return Number(value);
};

/** A decimal number as people write it: 20, 12.5, -1 (no hex, exponents or spaces). */
export const parseNumber = (what: string) => (value: string) => {
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError(`${what} must be a number like 20 or 12.5 (got "${value}").`);
  return Number(value);
};

export const parseWhole = (what: string, min: number, max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max} (got "${value}").`);
  return Number(value);
};

export const parseOnOff = (what: string) => (value: string) => {
  const v = value.toLowerCase();
  if (v === 'on' || v === 'yes' || v === 'true') return true;
  if (v === 'off' || v === 'no' || v === 'false') return false;
  throw new InvalidArgumentError(`${what} must be on or off (got "${value}").`);
};

/** Finds an option, criterion or member by id or by name, ignoring case. */
export function pick<T extends { id: number; name: string }>(list: T[], ref: string, what: string, flag: string): T {
  const byId = /^\d+$/.test(ref) ? list.find((x) => x.id === Number(ref)) : undefined;
  const found = byId ?? list.find((x) => x.name.localeCompare(ref, undefined, { sensitivity: 'accent' }) === 0);
  if (found) return found;
  const known = list.length ? `; it has ${list.map((x) => x.name).join(', ')}` : `; it has none yet`;
  return fail('not_found', `This decision has no ${what} "${ref}"${known}.`, flag);
}
