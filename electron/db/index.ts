export { HistoryDb } from './historyDb';
export type {
  AuditEntry,
  HistoryFilter,
  ProfileRecord,
  ProfileSettingKind,
  StoredPage,
  WriteBatch,
} from './historyDb';
export { isSortable } from './historyQueries';
export type { PageQuery } from './historyQueries';
export { MIGRATIONS } from './migrations';
export { AUDIT_PRUNE_INTERVAL_MS, AUDIT_RETENTION_MS, isAudited } from './auditPolicy';
