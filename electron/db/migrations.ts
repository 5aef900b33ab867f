/** Schema migrations, applied in order; PRAGMA user_version records how many ran. */

/** Each entry moves the schema from version i to i + 1. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    profile_id TEXT NOT NULL,
    order_id INTEGER NOT NULL,
    client_order_id TEXT NOT NULL,
    login TEXT NOT NULL,
    symbol TEXT NOT NULL,
    status TEXT NOT NULL,
    working INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    row TEXT NOT NULL,
    PRIMARY KEY (profile_id, order_id)
  ) WITHOUT ROWID;
  CREATE INDEX orders_updated ON orders (profile_id, updated_at);
  CREATE INDEX orders_symbol ON orders (profile_id, symbol, updated_at);
  CREATE INDEX orders_working ON orders (profile_id, working) WHERE working = 1;
  CREATE INDEX orders_client_id ON orders (profile_id, client_order_id);

  CREATE TABLE fills (
    profile_id TEXT NOT NULL,
    fill_id TEXT NOT NULL,
    order_id INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    time INTEGER NOT NULL,
    row TEXT NOT NULL,
    PRIMARY KEY (profile_id, fill_id)
  ) WITHOUT ROWID;
  CREATE INDEX fills_time ON fills (profile_id, time);
  CREATE INDEX fills_symbol ON fills (profile_id, symbol, time);
  CREATE INDEX fills_order ON fills (profile_id, order_id);

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    time INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    event TEXT,
    frame TEXT NOT NULL
  );
  CREATE INDEX audit_time ON audit (time);

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

  CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    login TEXT,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];
