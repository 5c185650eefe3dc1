/** One schema migration: PRAGMA user_version holds the version of the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
