import type { AuditDocumentRef, AuditSubject } from '../../../shared/audit-subject';
import { settingDefinition } from '../../../shared/settings-schema';
import { errorMessage } from './error-messages';
import type { Language } from './catalogs';
import type { Translate } from './translate';

/** A document within its dossier: «component» — hồ sơ code, or its place when it has no component. */
function documentPart(t: Translate, d: AuditDocumentRef): string {
  const code = d.dossierCode ?? '?';
  const name = d.component ?? (d.isResult ? t('audit.subject.resultName') : null);
  if (name !== null) return d.dossierCode === null ? `«${name}»` : t('audit.subject.docNamed', { name, code });
  if (d.position !== null) return t('audit.subject.docAt', { n: d.position, code });
  return t('audit.subject.docOfDossier', { code });
}

function documentText(t: Translate, d: AuditDocumentRef | null): string {
  if (d === null) return t('audit.subject.documentUnknown');
  if (d.component === null && !d.isResult && d.position !== null && d.dossierCode !== null)
    return t('audit.subject.documentAt', { n: d.position, code: d.dossierCode });
  return t('audit.subject.document', { doc: documentPart(t, d) });
}

function pageText(t: Translate, position: number | null, d: AuditDocumentRef | null): string {
  if (d === null) return position === null ? t('audit.subject.pageUnknown') : t('audit.subject.pageAlone', { n: position });
  const doc = documentPart(t, d);
  return position === null ? t('audit.subject.pageOf', { doc }) : t('audit.subject.page', { n: position, doc });
}

function settingText(t: Translate, language: Language, key: string): string {
  if (key === 'calendar.holidays') return t('audit.subject.holidays');
  return t('audit.subject.setting', { label: settingDefinition(key)?.label[language] ?? key });
}

function words(t: Translate, language: Language, s: AuditSubject): string {
  switch (s.kind) {
    case 'dossier':
      return s.code === null ? t('audit.subject.dossierGone') : t('audit.subject.dossier', { code: s.code });
    case 'document':
      return documentText(t, s.document);
    case 'page':
      return pageText(t, s.position, s.document);
    case 'record':
      if (s.document === null || s.version === null) return t('audit.subject.recordUnknown');
      return t('audit.subject.record', { v: s.version, doc: documentPart(t, s.document) });
    case 'batch':
      return s.name === null ? t('audit.subject.batchGone') : t('audit.subject.batch', { name: s.name });
    case 'user':
      return s.displayName === null
        ? t('audit.subject.account', { username: s.username })
        : t('audit.subject.user', { name: s.displayName, username: s.username });
    case 'setting':
      return settingText(t, language, s.key);
    case 'certificate':
      return t('audit.subject.certificate', { name: s.name });
    case 'folder':
      return t('audit.subject.folder', { path: s.path });
    case 'hub':
      return t('audit.subject.hub', { url: s.url });
    case 'error':
      return errorMessage(t, s.code);
    case 'text':
      return s.text;
  }
}

const alreadySaysGone = (s: AuditSubject) => (s.kind === 'dossier' && s.code === null) || (s.kind === 'batch' && s.name === null);

/** What an audit event is about, in words ("Trang 2 của «Giấy chứng sinh» — hồ sơ …"); "—" when it has no subject. */
export function auditSubjectText(t: Translate, language: Language, s: AuditSubject | null): string {
  if (s === null) return '—';
  const text = words(t, language, s);
  return 'gone' in s && s.gone && !alreadySaysGone(s) ? t('audit.subject.gone', { text }) : text;
}
