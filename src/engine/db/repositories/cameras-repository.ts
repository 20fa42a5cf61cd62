import type { Statement } from 'better-sqlite3';
import { splitCameraUrl } from '../../cameras/camera-url';
import { DbError } from '../db-error';
import type { SqliteDatabase } from '../open-database';
import type { CameraSourceKind } from '../../../shared/enums';
import type { JsonObject } from '../json-column';
import { col, TableMapper } from '../table-mapper';
import { definedOnly, fieldsExcept, TableStore } from '../table-store';

/** What the rest of the app sees: never the password, not even encrypted. */
export interface Camera {
  id: number;
  cameraId: string;
  name: string;
  sourceKind: CameraSourceKind;
  /** Without credentials (see camera-url.ts). */
  urlRedacted: string;
  username: string | null;
  hasPassword: boolean;
  enabled: boolean;
  processFps: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
  modelId: string | null;
  modelVersion: string | null;
  /** Tracking/counting tuning; null = the measured defaults. */
  tuning: JsonObject | null;
  createdAt: string;
  updatedAt: string;
}

interface CameraRecord extends Camera {
  secretCiphertext: Buffer | null;
}

export interface NewCamera {
  cameraId: string;
  name: string;
  sourceKind: CameraSourceKind;
  /** May carry a user name (moved to `username`), never a password. */
  url: string;
  username?: string | null;
  /** The password, already encrypted by the caller (Electron safeStorage). */
  secretCiphertext?: Buffer | null;
  enabled?: boolean;
  processFps?: number | null;
  frameWidth?: number | null;
  frameHeight?: number | null;
  modelId?: string | null;
  modelVersion?: string | null;
  /** Tracking/counting tuning (tracking/camera-tuning.ts), validated by the caller; null = defaults. */
  tuning?: JsonObject | null;
}

export type CameraPatch = Partial<Omit<NewCamera, 'cameraId' | 'secretCiphertext'>>;

const cameraMapper = new TableMapper<CameraRecord>('cameras', {
  id: col.integer('id'),
  cameraId: col.text('camera_id'),
  name: col.text('name'),
  sourceKind: col.text('source_kind'),
  urlRedacted: col.text('url_redacted'),
  username: col.text('username'),
  secretCiphertext: col.blob('secret_ciphertext'),
  hasPassword: col.boolean('has_password'),
  enabled: col.boolean('enabled'),
  processFps: col.real('process_fps'),
  frameWidth: col.integer('frame_width'),
  frameHeight: col.integer('frame_height'),
  modelId: col.text('model_id'),
  modelVersion: col.text('model_version'),
  tuning: col.json('tuning'),
  createdAt: col.text('created_at'),
  updatedAt: col.text('updated_at'),
});

function toCamera(record: CameraRecord): Camera {
  const { secretCiphertext: _secret, ...camera } = record;
  return camera;
}

/**
 * Turns the URL and user name inputs into stored columns. A user name embedded in the URL fills
 * `username` unless one is given explicitly; an undefined input leaves the stored value alone.
 */
/** The credential-free URL; refuses a URL with an embedded password (it must be stored encrypted). */
function redactCameraUrl(url: string): { urlRedacted: string; username: string | null } {
  const split = splitCameraUrl(url);
  if (split.password !== null) {
    throw new DbError('INVALID_INPUT', 'camera URL contains a password: pass it separately so it can be stored encrypted');
  }
  return { urlRedacted: split.urlRedacted, username: split.username };
}

function urlFields(url: string | undefined, username: string | null | undefined): Partial<CameraRecord> {
  const fields: Partial<CameraRecord> = {};
  if (url !== undefined) {
    const redacted = redactCameraUrl(url);
    fields.urlRedacted = redacted.urlRedacted;
    if (redacted.username !== null) fields.username = redacted.username;
  }
  if (username !== undefined) fields.username = username;
  return fields;
}

export class CamerasRepository {
  private readonly store: TableStore<CameraRecord, 'cameraId'>;
  private readonly all: Statement;
  private readonly setSecretStmt: Statement;
  private readonly getSecretStmt: Statement;
  private readonly stampStmt: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, cameraMapper, {
      key: 'cameraId',
      insertable: fieldsExcept(cameraMapper.columns, ['id', 'updatedAt']),
      updatable: fieldsExcept(cameraMapper.columns, ['id', 'cameraId', 'secretCiphertext', 'hasPassword', 'createdAt', 'updatedAt']),
    });
    this.all = db.prepare('SELECT * FROM cameras WHERE (@enabled IS NULL OR enabled = @enabled) ORDER BY name, camera_id');
    this.setSecretStmt = db.prepare('UPDATE cameras SET secret_ciphertext = @secret, has_password = @has WHERE camera_id = @camera_id');
    this.getSecretStmt = db.prepare('SELECT secret_ciphertext FROM cameras WHERE camera_id = ?');
    this.stampStmt = db.prepare(
      'UPDATE cameras SET updated_by = @user, created_by = CASE WHEN @created THEN @user ELSE created_by END WHERE camera_id = @camera_id',
    );
  }

  create(camera: NewCamera): Camera {
    const { url, username, secretCiphertext, ...rest } = camera;
    const secret = secretCiphertext ?? null;
    return toCamera(this.store.insert({ ...rest, ...urlFields(url, username), secretCiphertext: secret, hasPassword: secret !== null }));
  }

  get(cameraId: string): Camera | undefined {
    const record = this.store.get(cameraId);
    return record && toCamera(record);
  }

  list(filter: { enabledOnly?: boolean } = {}): Camera[] {
    return this.all.all({ enabled: filter.enabledOnly ? 1 : null }).map((r) => toCamera(cameraMapper.fromRow(r)));
  }

  update(cameraId: string, patch: CameraPatch): Camera {
    const { url, username, ...rest } = definedOnly(patch);
    return toCamera(this.store.update(cameraId, { ...rest, ...urlFields(url, username) }));
  }

  /** Replaces (or with null removes) the encrypted password. */
  setSecret(cameraId: string, secretCiphertext: Buffer | null): Camera {
    this.setSecretStmt.run({ camera_id: cameraId, secret: secretCiphertext, has: secretCiphertext === null ? 0 : 1 });
    return toCamera(this.store.require(cameraId));
  }

  /**
   * Records who added (`created`) or last changed the camera (cameras.created_by / updated_by,
   * migration 0010). Call inside the change's own transaction.
   */
  stampWho(cameraId: string, userId: number | null, created: boolean): void {
    if (userId === null) return;
    this.stampStmt.run({ camera_id: cameraId, user: userId, created: created ? 1 : 0 });
  }

  /** The encrypted password, for the one place that decrypts it (capture start). */
  getSecret(cameraId: string): Buffer | null {
    const row = this.getSecretStmt.get(cameraId) as { secret_ciphertext: Buffer | null } | undefined;
    return row?.secret_ciphertext ?? null;
  }

  /** Also deletes the camera's lines and zones (ON DELETE CASCADE); its results stay. */
  delete(cameraId: string): boolean {
    return this.store.delete(cameraId);
  }
}
