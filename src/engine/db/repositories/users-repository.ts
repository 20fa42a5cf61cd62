import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import type { UserRole } from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export interface User {
  id: number;
  username: string;
  displayName: string | null;
  email: string | null;
  role: UserRole;
  createdAt: string;
  updatedAt: string;
}

export type NewUser = NewRow<User, 'username', 'id' | 'updatedAt'>;
export type UserPatch = Partial<Omit<User, 'id' | 'createdAt' | 'updatedAt'>>;

export const userMapper = new TableMapper<User>('users', {
  id: col.integer('id'),
  username: col.text('username'),
  displayName: col.text('display_name'),
  email: col.text('email'),
  role: col.text('role'),
  createdAt: col.text('created_at'),
  updatedAt: col.text('updated_at'),
});

export class UsersRepository {
  private readonly store: TableStore<User, 'id'>;
  private readonly byUsername: Statement;
  private readonly all: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, userMapper, {
      key: 'id',
      insertable: fieldsExcept(userMapper.columns, ['id', 'updatedAt']),
      updatable: fieldsExcept(userMapper.columns, ['id', 'createdAt', 'updatedAt']),
    });
    this.byUsername = db.prepare('SELECT * FROM users WHERE username = ?');
    this.all = db.prepare('SELECT * FROM users ORDER BY username');
  }

  create(user: NewUser): User {
    return this.store.insert(user);
  }

  get(id: number): User | undefined {
    return this.store.get(id);
  }

  getByUsername(username: string): User | undefined {
    const row = this.byUsername.get(username);
    return row === undefined ? undefined : userMapper.fromRow(row);
  }

  list(): User[] {
    return this.all.all().map((r) => userMapper.fromRow(r));
  }

  update(id: number, patch: UserPatch): User {
    return this.store.update(id, patch);
  }

  delete(id: number): boolean {
    return this.store.delete(id);
  }
}
