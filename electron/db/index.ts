export { HistoryDb } from './historyDb';
export type { AuditEntry, HistoryFilter, ProfileRecord, WriteBatch } from './historyDb';
export { MIGRATIONS } from './migrations';
