// The window's size and position between launches: read defensively, placed back only where a display still is.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { writeAtomically } from './adr/write.ts';

const Rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
export type Rect = z.infer<typeof Rect>;
const WindowState = z.object({ bounds: Rect, maximized: z.boolean(), fullScreen: z.boolean().default(false) });
export type WindowState = z.infer<typeof WindowState>;

export const MIN_SIZE = { width: 960, height: 600 };
export const DEFAULT_SIZE = { width: 1280, height: 800 };

export interface Placement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}

/** The saved state, or null when there is none or it is unreadable (a fresh window is better than a crash). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  writeAtomically(dirname(file), basename(file), `${JSON.stringify(state, null, 2)}\n`, { replace: true });
}

const overlap = (a: Rect, b: Rect) => ({
  width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
  height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
});

/**
 * Where to open the window, given the displays' work areas now: the saved size fitted to the largest display,
 * and the saved position only if the title bar can still be grabbed on one of them (a monitor may be gone).
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): Placement {
  const largest = workAreas.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a), workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE });
  const fit = (want: number, min: number, max: number) => Math.max(Math.min(min, max), Math.min(want, max));
  const size = saved?.bounds ?? DEFAULT_SIZE;
  const width = fit(size.width, MIN_SIZE.width, largest.width);
  const height = fit(size.height, MIN_SIZE.height, largest.height);
  const placement: Placement = { width, height, maximized: saved?.maximized ?? false, fullScreen: saved?.fullScreen ?? false };
  if (!saved) return placement;
  const titleBar: Rect = { x: saved.bounds.x, y: saved.bounds.y, width, height: 32 };
  const reachable = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= 100 && o.height >= 16;
  });
  return reachable ? { ...placement, x: saved.bounds.x, y: saved.bounds.y } : placement;
}
