// The installed app's size and the window's bundle: packed offline as the package test packs it (test/electron/pack.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronTarget } from '../../scripts/native-driver.ts';
import { directorySize, PACKAGE_CEILING_BYTES, packApp, packPaths } from '../electron/pack.ts';
import type { Row } from './harness.ts';
import { bundleSize } from './renderer.ts';

const MiB = 1024 * 1024;

export function packageBenchmarks(): Row[] {
  const work = mkdtempSync(join(tmpdir(), 'verdict-bench-package-'));
  try {
    packApp(work, electronTarget(join(import.meta.dirname, '../..'), { platform: 'linux', arch: 'x64' }));
    const { resources, renderer } = packPaths(work);
    const bytes = directorySize(resources);
    return [
      {
        what: 'installed app: resources folder (Linux, app.asar and the native driver; Electron itself not counted)',
        measured: `${(bytes / MiB).toFixed(1)} MiB`,
        against: '—',
        ratio: '—',
        goal: `≤ ${PACKAGE_CEILING_BYTES / MiB} MiB`,
        met: bytes <= PACKAGE_CEILING_BYTES,
      },
      { ...bundleSize(renderer), what: 'window bundle (electron-vite build), gzipped (all JS and CSS)' },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
