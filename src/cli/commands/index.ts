import type { Command } from '../command';
import { auditCommand } from './audit';
import { backupCommand } from './backup';
import { batchCommand } from './batch';
import { catalogCommand } from './catalog';
import { dossierCommand } from './dossier';
import { hubCommand } from './hub';
import { ocrCommand } from './ocr';
import { processCommand } from './process';
import { statusCommand } from './status';
import { syncCommand } from './sync';
import { userCommand } from './user';
import { verifyCommand } from './verify';

export const commands: Command[] = [
  ocrCommand,
  processCommand,
  verifyCommand,
  batchCommand,
  statusCommand,
  syncCommand,
  hubCommand,
  dossierCommand,
  auditCommand,
  backupCommand,
  catalogCommand,
  userCommand,
];
