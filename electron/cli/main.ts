// Entry point of the `verdict` command, bundled into out/cli/ by scripts/build-cli.mjs.
import { fileURLToPath } from 'node:url';
import { withoutControls } from '../../shared/text.ts';
import { run } from './program.ts';

/** The renderer that `npm run web` builds. */
export const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

// Output piped into a reader that stopped (`verdict --help | head -3`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// Typed text (titles, names, reasons) never drives the terminal: no control or bidi character reaches it.
void run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${withoutControls(text, '\n\t')}\n`),
  err: (text) => process.stderr.write(`${withoutControls(text, '\n\t')}\n`),
  env: process.env,
  async serve(service, port) {
    // Loaded only here: every other command starts without the web server's code.
    const [{ startWebServer }, { Doors }] = await Promise.all([import('../web/server.ts'), import('../participants/doors.ts')]);
    const server = await startWebServer({ service, port, staticDir: rendererDir, doors: new Doors(service, { staticDir: rendererDir }) });
    process.stdout.write(`Verdict is running at ${server.url}\nDatabase: ${service.ctx.db.name}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
}).then((code) => {
  process.exitCode = code;
});
