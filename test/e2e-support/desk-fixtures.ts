import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './renderer-build';

export const CORPUS = join(REPO, 'test/fixtures/vi-admin');

export interface CorpusPage {
  id: string;
  file: string;
  variant: string;
  doc_kind: string;
  doc_title: string;
  fields: { cccd: string[] | null; names: string[]; doc_date: string | null };
}

export function corpusPage(id: string): CorpusPage & { path: string } {
  const pages = (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: CorpusPage[] }).pages;
  const page = pages.find((p) => p.id === id);
  if (!page) throw new Error(`no corpus page ${id}`);
  return { ...page, path: join(CORPUS, page.file) };
}

/** A 12-digit number that fails the CCCD checks: the province code 000 does not exist. */
export const failingCccd = (cccd: string) => `000${cccd.slice(3)}`;
