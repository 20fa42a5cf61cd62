import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOrCreateSelfSigned, loadTls, type TlsMaterial } from '../../engine/access/tls';
import { startServer } from '../../engine/server/server';
import { isLoopbackHost } from '../../engine/server/origin-guard';
import { openEngine } from '../../engine/wiring/open-engine';
import { appRoot } from '../../engine/paths';
import { action, CliError } from '../output';

interface ServeOptions {
  db: string;
  port: string;
  host: string;
  json?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the engine in plain Node and serve the app and its contract over HTTP/WebSocket')
    .requiredOption('--db <file>', 'SQLite file (created if missing)')
    .option('--port <n>', 'TCP port (0 = any free port)', '8080')
    .option('--host <address>', 'listen address; anything but loopback must be asked for explicitly, and is served over TLS', '127.0.0.1')
    .option('--tls-cert <file>', 'PEM certificate (default off loopback: a self-signed one made beside the database)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert (mode 0600)')
    .option('--json', 'print the listening address as JSON')
    .action(
      action(async (opts: ServeOptions) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('INVALID_PORT', `invalid --port ${opts.port}`);
        if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new CliError('INVALID_TLS', '--tls-cert and --tls-key go together', 2);
        const staticDir = join(appRoot(), 'out', 'renderer');
        if (!existsSync(join(staticDir, 'index.html'))) {
          throw new CliError('RENDERER_NOT_BUILT', `the renderer is not built (${staticDir}); run npm run build`);
        }
        let tls: TlsMaterial | undefined;
        if (opts.tlsCert && opts.tlsKey) tls = loadTls(resolve(opts.tlsCert), resolve(opts.tlsKey));
        else if (!isLoopbackHost(opts.host)) tls = await loadOrCreateSelfSigned(resolve(opts.db), opts.host);
        const engine = await openEngine({ dbPath: opts.db, host: 'serve' });
        const server = await startServer({
          handlers: engine.handlers,
          events: engine.events,
          access: engine.access,
          port,
          host: opts.host,
          staticDir,
          ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
        });
        const setup = engine.access.setupRequired();
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ url: server.url, port: server.port, db: opts.db, setupRequired: setup, ...(tls ? { tlsFingerprint256: tls.fingerprint256, tlsCert: tls.certPath } : {}) })}\n`,
          );
        } else {
          process.stdout.write(`footfall serving ${opts.db} at ${server.url}\n`);
          if (tls) {
            process.stdout.write(`TLS certificate ${tls.certPath}${tls.created ? ' (made now)' : ''}\nSHA-256 fingerprint ${tls.fingerprint256}\n`);
          }
          if (setup) {
            process.stdout.write(
              isLoopbackHost(opts.host)
                ? 'No account yet: open the address above on this computer to create the admin account.\n'
                : `No account yet: create the admin account with \`footfall users add --db ${opts.db} --role admin NAME\`.\n`,
            );
          }
        }
        await new Promise<void>((resolveStop) => {
          const stop = (): void => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        await engine.close();
      }),
    );
}
