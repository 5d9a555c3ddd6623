import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow, readWindowState, writeWindowState, type WindowState } from '../../electron/window-state.ts';
import { tempDir } from '../helpers.ts';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const projector = { x: 1920, y: 0, width: 1280, height: 720 };
const saved = (x: number, y: number, width = 1400, height = 900, maximized = false): WindowState => ({ bounds: { x, y, width, height }, maximized, fullScreen: false });

describe('window size and position between launches', () => {
  it('round-trips through its file, written whole', () => {
    const file = join(tempDir(), 'window-state.json');
    writeWindowState(file, saved(100, 80, 1400, 900, true));
    expect(readWindowState(file)).toEqual(saved(100, 80, 1400, 900, true));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true });
  });

  it('treats a missing, garbled or wrong-shaped file as no saved state', () => {
    const dir = tempDir();
    expect(readWindowState(join(dir, 'none.json'))).toBeNull();
    for (const content of ['{', '[]', '{"bounds":{"x":"1"},"maximized":false}', '{"bounds":{"x":0,"y":0,"width":-5,"height":10},"maximized":false}', '\u0000\u0001']) {
      writeFileSync(join(dir, 'w.json'), content);
      expect(readWindowState(join(dir, 'w.json')), content).toBeNull();
    }
  });

  it('puts the window back where it was when that display is still there', () => {
    expect(placeWindow(saved(2000, 40, 1200, 700), [laptop, projector])).toEqual({ x: 2000, y: 40, width: 1200, height: 700, maximized: false, fullScreen: false });
    expect(placeWindow(saved(100, 80, 1400, 900, true), [laptop])).toMatchObject({ x: 100, y: 80, maximized: true });
  });

  it('lets the system place it when its display is gone, and fits it to the largest display left', () => {
    expect(placeWindow(saved(2000, 40, 1200, 700), [laptop])).toEqual({ width: 1200, height: 700, maximized: false, fullScreen: false });
    expect(placeWindow(saved(-5000, -5000), [laptop])).not.toHaveProperty('x');
    // Only a sliver of the title bar would show: not reachable.
    expect(placeWindow(saved(1880, 40), [laptop])).not.toHaveProperty('x');
    expect(placeWindow(saved(10, 10, 4000, 3000), [projector])).toMatchObject({ width: 1280, height: 720 });
    expect(placeWindow(saved(10, 10, 200, 100), [laptop])).toMatchObject({ width: 960, height: 600 });
  });

  it('opens at the default size the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false, fullScreen: false });
    expect(placeWindow(null, [])).toEqual({ ...DEFAULT_SIZE, maximized: false, fullScreen: false });
  });
});
