/**
 * Chain-sync requests (issue: chain-wide sync). Spread into `requests` in contract.ts.
 * The status never carries a credential: the server address comes back without its password.
 */
import { emptyInput, request } from './request-spec';

export interface SyncStatusDto {
  /** A central server is stored for this shop. */
  configured: boolean;
  /** The server URL without credentials, e.g. postgres://central.example/footfall?sslmode=verify-full. */
  server: string | null;
  /** The PostgreSQL role the shop signs in as. */
  role: string | null;
  /** This shop in the chain; null until its first push settles it. */
  storeId: string | null;
  storeName: string | null;
  /** Last time the centre confirmed (committed) a batch. */
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  /** Changes waiting in the outbox. */
  backlog: number;
  /** Why the last attempt failed, in plain words; null after a success. */
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** Rows the centre has confirmed since sync was configured. */
  rowsSent: number;
}

export const syncRequests = {
  // Same audience as the rest of the Health page.
  'sync:status': request<SyncStatusDto>()(emptyInput, 'viewer'),
} as const;
