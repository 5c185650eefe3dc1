import { randomUUID } from 'node:crypto';
import type { Db } from './database';

export interface Workstation {
  id: string;
  name: string;
  agencyCode: string;
  agencyName: string;
}

export class WorkstationRepository {
  constructor(private readonly db: Db) {}

  /** This machine's identity, created on first start. */
  ensure(defaults: Omit<Workstation, 'id'>): Workstation {
    const row = this.db.prepare('SELECT id, name, agency_code AS agencyCode, agency_name AS agencyName FROM workstation LIMIT 1').get() as
      Workstation | undefined;
    if (row) return row;
    const ws = { id: randomUUID(), ...defaults };
    this.db
      .prepare('INSERT INTO workstation (id, name, agency_code, agency_name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(ws.id, ws.name, ws.agencyCode, ws.agencyName, new Date().toISOString());
    return ws;
  }
}
