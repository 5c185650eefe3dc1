/**
 * The names of the contract's methods, without their schemas, for code that must stay small and
 * dependency-free (the sandboxed preload). contract.ts checks it declares exactly these.
 */
export const METHOD_NAMES = [
  'procedure.list',
  'dossier.create',
  'dossier.list',
  'dossier.get',
  'search.query',
  'status.get',
  'document.create',
  'document.list',
  'document.importFiles',
  'page.addImage',
  'page.image',
  'dossier.desk',
  'dossier.reuseCandidates',
  'document.reuse',
  'page.rotate',
  'page.delete',
  'page.move',
  'page.text',
  'document.fields',
  'document.setField',
  'signer.unlock',
  'signer.status',
  'signer.unlockToken',
  'dossier.finalize',
  'record.verify',
  'scanner.list',
  'scanner.scan',
  'scanner.cancel',
  'dossier.receipt',
  'sync.status',
  'sync.now',
  'sync.records',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];
