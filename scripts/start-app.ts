// `npm start`: prepare the database driver for Electron (once), build, launch; or say in a line or two why not.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bindingFile, checkoutNativeRoot, type ElectronTarget } from '../electron/db/driver.ts';
import { sandboxAdvice, sandboxBlocked, sandboxFacts, isSandboxAbort } from './linux-sandbox.ts';
import { electronTarget, prepareElectronDriver } from './native-driver.ts';

const instead = 'run `npm run web` and open the address it prints.';

export interface StartIo {
  root: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  findElectron(): string | null;
  target(): ElectronTarget;
  prepare(target: ElectronTarget): Promise<unknown>;
  sandboxBlocked(binary: string): boolean;
  build(): number;
  /** Runs Electron and resolves with its exit code and what it wrote to stderr. */
  launch(binary: string): Promise<{ code: number; stderr: string }>;
  out(line: string): void;
  err(line: string): void;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();

export async function startApp(io: StartIo): Promise<number> {
  if (io.platform === 'linux' && !io.env.DISPLAY && !io.env.WAYLAND_DISPLAY) {
    io.err(`Verdict's desktop window needs a display, and this machine has none: ${instead}`);
    return 1;
  }
  const binary = io.findElectron();
  if (binary === null) {
    io.err(`Electron could not be downloaded or started on this machine (no internet for its first download?): ${instead}`);
    return 1;
  }
  // Only a warning: an AppArmor profile for this Electron may still allow the sandbox; the abort is recognised below.
  const warned = io.platform === 'linux' && io.sandboxBlocked(binary);
  if (warned) io.err(sandboxAdvice(binary));
  let target: ElectronTarget;
  try {
    target = io.target();
  } catch (e) {
    io.err(`Verdict cannot tell which database driver Electron needs (${firstLine(e)}): ${instead}`);
    return 1;
  }
  const major = target.electron.split('.')[0];
  if (!existsSync(bindingFile(checkoutNativeRoot(io.root, io.env), target))) {
    io.out(`Preparing the database driver for Electron ${major} (once)…`);
    try {
      await io.prepare(target);
    } catch (e) {
      io.err(`Could not prepare the database driver for Electron ${major} (it needs internet once and a C++ compiler): ${firstLine(e)}. Meanwhile, ${instead}`);
      return 1;
    }
  }
  const built = io.build();
  if (built !== 0) return built;
  const { code, stderr } = await io.launch(binary);
  if (code !== 0 && io.platform === 'linux' && !warned && isSandboxAbort(stderr)) io.err(sandboxAdvice(binary));
  return code;
}

/** The real effects, for scripts/start.ts. */
export function realIo(root: string, findElectron: () => string | null): StartIo {
  return {
    root,
    env: process.env,
    platform: process.platform,
    findElectron,
    target: () => electronTarget(root),
    prepare: (target) => prepareElectronDriver(root, target),
    sandboxBlocked: (binary) => sandboxBlocked(sandboxFacts(binary)),
    build: () => spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1,
    launch: (binary) =>
      new Promise((resolve) => {
        const app = spawn(binary, ['.'], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'] });
        let tail = '';
        // Passed through as it comes; the last part is kept to recognise a sandbox abort.
        app.stderr.on('data', (chunk: Buffer) => {
          process.stderr.write(chunk);
          tail = (tail + chunk.toString()).slice(-16_384);
        });
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
        app.on('close', (code) => resolve({ code: code ?? 1, stderr: tail }));
      }),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
}
