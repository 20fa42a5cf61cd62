export { startServer, type RunningServer, type ServerOptions } from './server';
export { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './csp';
