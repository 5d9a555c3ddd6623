// Entry point of the `verdict` command (bin/verdict.mjs loads it through tsx).
import { fileURLToPath } from 'node:url';
import { Doors } from '../participants/doors.ts';
import { startWebServer } from '../web/server.ts';
import { run } from './program.ts';

/** The renderer that `npm run web` builds. */
export const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

const code = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  async serve(service, port) {
    const server = await startWebServer({ service, port, staticDir: rendererDir, doors: new Doors(service, { staticDir: rendererDir }) });
    process.stdout.write(`Verdict is running at ${server.url}\nDatabase: ${service.ctx.db.name}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});
process.exitCode = code;
