import { useCallback, useState } from 'react';
import type { AddPagesResult } from '../../../shared/types';
import { useEngine } from '../engine/engine-context';
import { fileBase64 } from '../engine/file-base64';
import { useEngineAction } from './use-engine-action';

/** Under the transport's 16 MB message once in base64 (see the contract's DocumentUploadFileInput). */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

/** What one import did: pages added, pages already there, each file that failed with its reason's code, and each taken in with a warning's. */
export interface ImportReport {
  added: number;
  duplicates: number;
  failures: { source: string; code: string }[];
  warnings: { source: string; code: string }[];
}

const EMPTY: ImportReport = { added: 0, duplicates: 0, failures: [], warnings: [] };

const merge = (report: ImportReport, r: AddPagesResult): ImportReport => ({
  added: report.added + r.added.length,
  duplicates: report.duplicates + r.duplicates.length,
  failures: [...report.failures, ...r.errors.map((e) => ({ source: e.source, code: e.code }))],
  // A warning rides on the file's first page ("scan.pdf#1"): the clerk is told of the file.
  warnings: [...report.warnings, ...(r.warnings ?? []).map((w) => ({ source: w.source.replace(/#\d+$/, ''), code: w.code }))],
});

/** Pages into a document from paths on the engine's machine, or from files picked or dropped here (sent one at a time). */
export function usePageImport() {
  const api = useEngine();
  const action = useEngineAction();
  const { run } = action;
  const [report, setReport] = useState<ImportReport | null>(null);

  const importPaths = useCallback(
    async (documentId: number, paths: string[]) => {
      const r = await run(() => api['document.importFiles']({ documentId, paths }));
      if (r) setReport(merge(EMPTY, r));
      return r !== undefined && r.errors.length === 0;
    },
    [api, run],
  );

  const importFiles = useCallback(
    async (documentId: number, files: File[]) => {
      const done = await run(async () => {
        let sum: ImportReport = EMPTY;
        for (const file of files) {
          if (file.size > MAX_UPLOAD_BYTES)
            sum = { ...sum, failures: [...sum.failures, { source: file.name, code: 'import.upload-too-large' }] };
          else sum = merge(sum, await api['document.uploadFile']({ documentId, name: file.name, dataBase64: await fileBase64(file) }));
        }
        return sum;
      });
      if (done) setReport(done);
    },
    [api, run],
  );

  return { report, busy: action.busy, error: action.error, importPaths, importFiles };
}

export type PageImport = ReturnType<typeof usePageImport>;
