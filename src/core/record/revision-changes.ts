import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * What a later revision changed that a signed record may not change (docs/security.md): after a
 * signature, an update may add signatures, document timestamps, the DSS/VRI, and signature fields
 * with their widgets. Anything else (page content, resources, annotations, the page tree, the
 * catalog, the document information) is named here, one phrase per thing changed.
 */
export function forbiddenChanges(before: PDFDocument, after: PDFDocument): string[] {
  const roles = rolesOf(before);
  const found = new Set<string>();
  const oldObjects = new Map(before.context.enumerateIndirectObjects().map(([ref, o]) => [ref.tag, o]));
  for (const [ref, now] of after.context.enumerateIndirectObjects()) {
    const old = oldObjects.get(ref.tag);
    if (!old || same(old, now)) continue;
    for (const change of judge(ref, roles.get(ref.tag), old, now, before, after)) found.add(change);
  }
  const tb = before.context.trailerInfo;
  const ta = after.context.trailerInfo;
  if (String(tb.Root) !== String(ta.Root)) found.add('the document catalog (replaced)');
  if (String(tb.Info) !== String(ta.Info)) found.add('the document information');
  return [...found];
}

type Role = string;

function judge(ref: PDFRef, role: Role | undefined, old: PDFObject, now: PDFObject, before: PDFDocument, after: PDFDocument): string[] {
  const oldDict = asDict(old);
  const newDict = asDict(now);
  switch (role) {
    case 'catalog':
      return oldDict && newDict ? judgeCatalog(oldDict, newDict, before, after) : ['the document catalog'];
    case 'form':
      return oldDict && newDict ? judgeForm(oldDict, newDict, before, after) : ['the form'];
    case 'form fields':
      return addedOnly(old, now, before, after, isSignatureField) ? [] : ['the form fields'];
    case 'signature field':
      return oldDict && newDict && !oldDict.has(PDFName.of('V')) && changedKeys(oldDict, newDict).every((k) => k === 'V' || k === 'AP')
        ? []
        : [`a signature field (object ${ref.objectNumber})`];
    case 'dss':
      return [];
    case undefined:
      return [`object ${ref.objectNumber}`];
    default:
      if (/^page \d+$/.test(role) && oldDict && newDict) return judgePage(role, oldDict, newDict, before, after);
      if (/annotations$/.test(role) && old instanceof PDFArray) return addedOnly(old, now, before, after, isSignatureWidget) ? [] : [role];
      return [role];
  }
}

function judgeCatalog(old: PDFDict, now: PDFDict, before: PDFDocument, after: PDFDocument): string[] {
  const out: string[] = [];
  for (const key of changedKeys(old, now)) {
    if (key === 'DSS') continue;
    if (key === 'AcroForm') {
      const oldForm = resolveDict(before, old.get(PDFName.of(key)));
      const newForm = resolveDict(after, now.get(PDFName.of(key)));
      out.push(...(newForm ? judgeForm(oldForm ?? PDFDict.withContext(after.context), newForm, before, after) : ['the form (removed)']));
    } else if (key === 'Pages') out.push('the page tree');
    else out.push(`the document catalog (/${key})`);
  }
  return out;
}

function judgeForm(old: PDFDict, now: PDFDict, before: PDFDocument, after: PDFDocument): string[] {
  const out: string[] = [];
  for (const key of changedKeys(old, now)) {
    if (key === 'SigFlags') continue;
    if (key === 'Fields' && addedOnly(old.get(PDFName.of(key)), now.get(PDFName.of(key)), before, after, isSignatureField)) continue;
    out.push(key === 'Fields' ? 'the form fields' : `the form (/${key})`);
  }
  return out;
}

function judgePage(page: string, old: PDFDict, now: PDFDict, before: PDFDocument, after: PDFDocument): string[] {
  const out: string[] = [];
  for (const key of changedKeys(old, now)) {
    if (key === 'Annots' && addedOnly(old.get(PDFName.of(key)), now.get(PDFName.of(key)), before, after, isSignatureWidget)) continue;
    const named: Record<string, string> = { Contents: 'content', Resources: 'resources', Annots: 'annotations' };
    out.push(named[key] ? `${page} ${named[key]}` : `${page} (/${key})`);
  }
  return out;
}

/** `now` is the array `old` was (direct or by reference) with entries appended that pass `allowed`. */
function addedOnly(
  old: PDFObject | undefined,
  now: PDFObject | undefined,
  before: PDFDocument,
  after: PDFDocument,
  allowed: (o: PDFObject, doc: PDFDocument) => boolean,
): boolean {
  const oldItems = old === undefined ? [] : resolveArray(before, old);
  const newItems = resolveArray(after, now);
  if (!oldItems || !newItems || newItems.length < oldItems.length) return false;
  for (let i = 0; i < oldItems.length; i++) if (String(oldItems[i]) !== String(newItems[i])) return false;
  return newItems.slice(oldItems.length).every((o) => allowed(o, after));
}

function isSignatureField(o: PDFObject, doc: PDFDocument): boolean {
  const dict = resolveDict(doc, o);
  if (!dict) return false;
  const parent = resolveDict(doc, dict.get(PDFName.of('Parent')));
  return nameOf(dict.get(PDFName.of('FT'))) === 'Sig' || (parent !== undefined && nameOf(parent.get(PDFName.of('FT'))) === 'Sig');
}

function isSignatureWidget(o: PDFObject, doc: PDFDocument): boolean {
  const dict = resolveDict(doc, o);
  return dict !== undefined && nameOf(dict.get(PDFName.of('Subtype'))) === 'Widget' && isSignatureField(o, doc);
}

/** What each object of the signed revision is, by where it hangs: pages, their parts, the form, the DSS. */
function rolesOf(doc: PDFDocument): Map<string, Role> {
  const roles = new Map<string, Role>();
  const set = (ref: PDFRef, role: Role) => {
    if (!roles.has(ref.tag)) roles.set(ref.tag, role);
  };
  const root = doc.context.trailerInfo.Root;
  if (root instanceof PDFRef) set(root, 'catalog');
  const info = doc.context.trailerInfo.Info;
  if (info instanceof PDFRef) set(info, 'the document information');
  const catalog = doc.catalog;
  const form = catalog.get(PDFName.of('AcroForm'));
  if (form instanceof PDFRef) set(form, 'form');
  const formDict = resolveDict(doc, form);
  const fields = formDict?.get(PDFName.of('Fields'));
  if (fields instanceof PDFRef) set(fields, 'form fields');
  for (const field of resolveArray(doc, fields) ?? []) {
    if (field instanceof PDFRef) set(field, isSignatureField(field, doc) ? 'signature field' : 'a form field');
  }
  for (const ref of reachable(doc, catalog.get(PDFName.of('DSS')))) set(ref, 'dss');
  for (const ref of reachable(doc, catalog.get(PDFName.of('Metadata')))) set(ref, 'the document metadata (XMP)');
  doc.getPages().forEach((page, i) => {
    const name = `page ${i + 1}`;
    set(page.ref, name);
    for (const ref of reachable(doc, page.node.get(PDFName.of('Contents')))) set(ref, `${name} content`);
    const annots = page.node.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) set(annots, `${name} annotations`);
    for (const a of resolveArray(doc, annots) ?? [])
      if (a instanceof PDFRef) set(a, isSignatureWidget(a, doc) ? 'signature field' : `${name} annotations`);
    for (const ref of reachable(doc, page.node.get(PDFName.of('Resources')))) set(ref, `${name} resources`);
  });
  const pages = catalog.get(PDFName.of('Pages'));
  for (const ref of reachable(doc, pages, new Set(['Parent', 'Annots', 'Contents', 'Resources']))) set(ref, 'the page tree');
  return roles;
}

/** References reachable from `start`, not following the keys in `skip` (links back up the tree). */
function reachable(doc: PDFDocument, start: PDFObject | undefined, skip = new Set(['Parent', 'P'])): PDFRef[] {
  const seen = new Map<string, PDFRef>();
  const stack: PDFObject[] = start ? [start] : [];
  while (stack.length > 0 && seen.size < 100_000) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) continue;
      seen.set(o.tag, o);
      const target = doc.context.lookup(o);
      if (target) stack.push(target);
    } else if (o instanceof PDFArray) stack.push(...o.asArray());
    else {
      const dict = asDict(o);
      if (dict) for (const [k, v] of dict.entries()) if (!skip.has(k.decodeText())) stack.push(v);
    }
  }
  return [...seen.values()];
}

function changedKeys(old: PDFDict, now: PDFDict): string[] {
  const keys = new Set([...old.keys(), ...now.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => String(old.get(PDFName.of(k))) !== String(now.get(PDFName.of(k))));
}

function same(a: PDFObject, b: PDFObject): boolean {
  if (a instanceof PDFStream || b instanceof PDFStream) {
    if (!(a instanceof PDFRawStream) || !(b instanceof PDFRawStream)) return false;
    return a.dict.toString() === b.dict.toString() && Buffer.from(a.contents).equals(Buffer.from(b.contents));
  }
  return a.toString() === b.toString();
}

function asDict(o: PDFObject | undefined): PDFDict | undefined {
  if (o instanceof PDFDict) return o;
  if (o instanceof PDFStream) return o.dict;
  return undefined;
}

function resolveDict(doc: PDFDocument, o: PDFObject | undefined): PDFDict | undefined {
  return asDict(o instanceof PDFRef ? doc.context.lookup(o) : o);
}

function resolveArray(doc: PDFDocument, o: PDFObject | undefined): PDFObject[] | undefined {
  const target = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return target instanceof PDFArray ? target.asArray() : undefined;
}

function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}
