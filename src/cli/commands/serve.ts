import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../engine/server/server';
import { openEngine } from '../../engine/wiring/open-engine';
import { appRoot } from '../../engine/paths';
import { action, CliError } from '../output';

interface ServeOptions {
  db: string;
  port: string;
  host: string;
  json?: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the engine in plain Node and serve the app and its contract over HTTP/WebSocket')
    .requiredOption('--db <file>', 'SQLite file (created if missing)')
    .option('--port <n>', 'TCP port (0 = any free port)', '8080')
    .option('--host <address>', 'listen address; anything but loopback must be asked for explicitly', '127.0.0.1')
    .option('--json', 'print the listening address as JSON')
    .action(
      action(async (opts: ServeOptions) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('INVALID_PORT', `invalid --port ${opts.port}`);
        const staticDir = join(appRoot(), 'out', 'renderer');
        if (!existsSync(join(staticDir, 'index.html'))) {
          throw new CliError('RENDERER_NOT_BUILT', `the renderer is not built (${staticDir}); run npm run build`);
        }
        const engine = await openEngine({ dbPath: opts.db, host: 'serve' });
        const server = await startServer({ handlers: engine.handlers, events: engine.events, port, host: opts.host, staticDir });
        process.stdout.write(opts.json ? `${JSON.stringify({ url: server.url, port: server.port, db: opts.db })}\n` : `footfall serving ${opts.db} at ${server.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = (): void => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        await engine.close();
      }),
    );
}
