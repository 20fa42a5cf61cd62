/**
 * Runs the engine in an Electron utilityProcess (out/main/engine-host.js) so a native crash in
 * onnxruntime or SQLite cannot take the window down; main talks to it over a MessageChannelMain
 * port and re-forks it when it dies (EngineClient does the bookkeeping). The default; main runs
 * the engine in-process only with `--in-process-engine` or FOOTFALL_ENGINE_PROCESS=0.
 */
import { MessageChannelMain, utilityProcess } from 'electron';
import { EngineClient, type EngineClientOptions, type SpawnEngine } from './engine-client';

export interface EngineProcessOptions extends EngineClientOptions {
  /** Absolute path of the built engine-host entry. */
  entry: string;
  dbPath: string;
  /** Hex of the safeStorage-unsealed camera-secret key (see data-key.ts). */
  dataKey?: string;
}

export function createEngineProcess(options: EngineProcessOptions): EngineClient {
  const spawn: SpawnEngine = () => {
    const child = utilityProcess.fork(options.entry, [], { serviceName: 'Footfall engine', stdio: 'inherit' });
    const { port1, port2 } = new MessageChannelMain();
    // The port is handed over once the process exists; messages sent on port1 before that wait
    // in the channel.
    child.once('spawn', () => child.postMessage({ type: 'init', dbPath: options.dbPath, ...(options.dataKey ? { dataKey: options.dataKey } : {}) }, [port2]));
    return {
      port: port1,
      kill: () => {
        child.kill();
      },
      onExit: (listener) => {
        child.once('exit', (code) => {
          port1.close();
          listener(code);
        });
      },
    };
  };
  return new EngineClient(spawn, options);
}
