#!/usr/bin/env node
/**
 * The `footfall` command line: `npm run --silent cli -- <command>`. Each command lives in its own
 * module under commands/ and calls the same engine services the app uses.
 */
import { Command } from 'commander';
import { registerDbCommands } from './commands/db';
import { registerBackupCommands } from './commands/backup';
import { registerServeCommand } from './commands/serve';
import { registerDetectCommand } from './commands/detect';
import { registerCountCommand } from './commands/count';
import { registerBenchCommand } from './commands/bench';
import { registerCamerasCommands } from './commands/cameras';
import { registerModelsCommands } from './commands/models';
import { registerSyncCommands } from './commands/sync';
import { registerUsersCommands } from './commands/users';
import { registerCountsCommands } from './commands/counts';
import { registerExperimentsCommands } from './commands/experiments';
import { registerSalesCommands } from './commands/sales';
import { registerDriftCommands } from './commands/drift';
import { registerAuditCommands } from './commands/audit';

const program = new Command('footfall')
  .description('Footfall: people counting with cameras, ONNX models and a local SQLite file')
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride((err) => {
    // commander's own usage errors: keep its one-line message, exit non-zero
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerDbCommands(program);
registerBackupCommands(program);
registerServeCommand(program);
registerDetectCommand(program);
registerCountCommand(program);
registerBenchCommand(program);
registerCamerasCommands(program);
registerModelsCommands(program);
registerSyncCommands(program);
registerUsersCommands(program);
registerCountsCommands(program);
registerExperimentsCommands(program);
registerSalesCommands(program);
registerDriftCommands(program);
registerAuditCommands(program);

await program.parseAsync(process.argv);
