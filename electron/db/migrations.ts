/** Schema migrations, applied in order; PRAGMA user_version records how many ran. */

/** The orders table's sort and filter indexes (migrations 1 and 3), by name: their columns. */
const PARTIAL_ORDER_INDEXES: readonly (readonly [string, string])[] = [
  ['orders_updated', 'profile_id, updated_at'],
  ['orders_symbol', 'profile_id, symbol, updated_at'],
  ['orders_by_symbol', 'profile_id, symbol'],
  ['orders_by_side', 'profile_id, side'],
  ['orders_by_type', "profile_id, json_extract(row, '$.type')"],
  ['orders_by_status', 'profile_id, status'],
  ['orders_by_origQty', "profile_id, json_extract(row, '$.origQty')"],
  ['orders_by_executedQty', "profile_id, json_extract(row, '$.executedQty')"],
  ['orders_by_leavesQty', "profile_id, json_extract(row, '$.leavesQty')"],
  ['orders_by_price', "profile_id, ifnull(json_extract(row, '$.price'), '')"],
  ['orders_by_stopPrice', "profile_id, ifnull(json_extract(row, '$.stopPrice'), '')"],
  ['orders_by_avgPrice', "profile_id, ifnull(json_extract(row, '$.avgPrice'), '')"],
  ['orders_by_timeInForce', "profile_id, json_extract(row, '$.timeInForce')"],
  ['orders_by_lastReason', "profile_id, ifnull(json_extract(row, '$.lastReason'), char(1114111))"],
  ['orders_side_time', 'profile_id, side, updated_at'],
  ['orders_status_time', 'profile_id, status, updated_at'],
];

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
  // 2: what a profile says about its server (revision, Chart API, instrument rules), as JSON.
  `ALTER TABLE profiles ADD COLUMN options TEXT NOT NULL DEFAULT '{}';`,
  // 3: every page, sort and count of the history blotters reads an index (db/historyQueries.ts):
  // side becomes a column (a JSON expression index is never covering, so a count by side
  // would read every row), then one index per sortable column (the primary key breaks
  // ties) and one per filter with the time.
  `
  ALTER TABLE fills ADD COLUMN side TEXT NOT NULL DEFAULT '';
  UPDATE fills SET side = json_extract(row, '$.side');
  ALTER TABLE orders ADD COLUMN side TEXT NOT NULL DEFAULT '';
  UPDATE orders SET side = json_extract(row, '$.side');
  CREATE INDEX fills_by_side ON fills (profile_id, side);
  CREATE INDEX fills_by_qty ON fills (profile_id, json_extract(row, '$.qty'));
  CREATE INDEX fills_by_price ON fills (profile_id, json_extract(row, '$.price'));
  CREATE INDEX fills_by_notional ON fills (profile_id, (json_extract(row, '$.price') * json_extract(row, '$.qty')));
  CREATE INDEX fills_by_tradeId ON fills (profile_id, ifnull(json_extract(row, '$.tradeId'), ''));
  CREATE INDEX fills_by_login ON fills (profile_id, json_extract(row, '$.login'));
  CREATE INDEX fills_by_symbol ON fills (profile_id, symbol);
  CREATE INDEX fills_side_time ON fills (profile_id, side, time);
  CREATE INDEX fills_symbol_side_time ON fills (profile_id, symbol, side, time);
  CREATE INDEX orders_by_symbol ON orders (profile_id, symbol);
  CREATE INDEX orders_by_side ON orders (profile_id, side);
  CREATE INDEX orders_by_type ON orders (profile_id, json_extract(row, '$.type'));
  CREATE INDEX orders_by_status ON orders (profile_id, status);
  CREATE INDEX orders_by_origQty ON orders (profile_id, json_extract(row, '$.origQty'));
  CREATE INDEX orders_by_executedQty ON orders (profile_id, json_extract(row, '$.executedQty'));
  CREATE INDEX orders_by_leavesQty ON orders (profile_id, json_extract(row, '$.leavesQty'));
  CREATE INDEX orders_by_price ON orders (profile_id, ifnull(json_extract(row, '$.price'), ''));
  CREATE INDEX orders_by_stopPrice ON orders (profile_id, ifnull(json_extract(row, '$.stopPrice'), ''));
  CREATE INDEX orders_by_avgPrice ON orders (profile_id, ifnull(json_extract(row, '$.avgPrice'), ''));
  CREATE INDEX orders_by_timeInForce ON orders (profile_id, json_extract(row, '$.timeInForce'));
  CREATE INDEX orders_by_lastReason ON orders (profile_id, ifnull(json_extract(row, '$.lastReason'), char(1114111)));
  CREATE INDEX orders_side_time ON orders (profile_id, side, updated_at);
  CREATE INDEX orders_status_time ON orders (profile_id, status, updated_at);
  `,
  // 4: the trade journal: a note and tags per round trip (db/reviewQueries.ts); tags as a
  // JSON array, searched with the note by substring (a journal is hand-written: small). And
  // the review's replay order (time, order, fill) as keyset indexes, all and by symbol.
  `
  CREATE TABLE journal (
    profile_id TEXT NOT NULL,
    trip_id TEXT NOT NULL,
    note TEXT NOT NULL,
    tags TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (profile_id, trip_id)
  ) WITHOUT ROWID;
  CREATE INDEX journal_updated ON journal (profile_id, updated_at);
  CREATE INDEX fills_replay ON fills (profile_id, time, order_id, fill_id);
  CREATE INDEX fills_symbol_replay ON fills (profile_id, symbol, time, order_id, fill_id);
  `,
  // 5: the trading tools' state (electron/tools/toolStore.ts): bracket plans, trailing stops and
  // price alerts, one JSON row each, written before main acts on them (a restart resumes them).
  `
  CREATE TABLE tool_state (
    profile_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('bracket', 'trail', 'alert')),
    id TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (profile_id, kind, id)
  ) WITHOUT ROWID;
  `,
  // 6: an order in the orders table's sort indexes only once it is done (working = 0). A stream
  // writes each order three times or more (NEW, PARTIALLY_FILLED, FILLED), and each write
  // rewrote all sixteen of them. Every query of orders in an order reads the few working
  // orders apart, by orders_working (now in time order, for the newest-first reads), and
  // merges them in (HISTORY_TABLES' parts, db/historyQueries.ts).
  `
  DROP INDEX orders_working;
  CREATE INDEX orders_working ON orders (profile_id, updated_at) WHERE working = 1;
  ${PARTIAL_ORDER_INDEXES.map(
    ([name, columns]) =>
      `DROP INDEX ${name}; CREATE INDEX ${name} ON orders (${columns}) WHERE working = 0;`,
  ).join('\n  ')}
  `,
];
