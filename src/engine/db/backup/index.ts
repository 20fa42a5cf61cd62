export * from './backup-files';
export * from './backup-scheduler';
export * from './create-backup';
export * from './restore-backup';
export * from './startup-recovery';
export * from './verify-database-file';
export * from './backup-settings';
