/**
 * A small XML reader for the documents eSCL devices send (capabilities, status). It
 * keeps elements, attributes and text, matches names by local name (devices disagree
 * on prefixes), and ignores what these documents never need (DTDs, processing
 * instructions, mixed content order).
 */
export interface XmlElement {
  /** Local name, without the namespace prefix. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlParseError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? whole;
  });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let pos = 0;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const top = stack[stack.length - 1]!;
    if (lt === -1) {
      top.text += decodeEntities(text.slice(pos));
      break;
    }
    if (lt > pos) top.text += decodeEntities(text.slice(pos, lt));
    if (text.startsWith('<!--', lt)) {
      pos = skipTo(text, '-->', lt) + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = skipTo(text, ']]>', lt);
      top.text += text.slice(lt + 9, end);
      pos = end + 3;
    } else if (text.startsWith('<?', lt)) {
      pos = skipTo(text, '?>', lt) + 2;
    } else if (text.startsWith('<!', lt)) {
      pos = skipTo(text, '>', lt) + 1;
    } else if (text[lt + 1] === '/') {
      const end = skipTo(text, '>', lt);
      const name = localName(text.slice(lt + 2, end).trim());
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0) throw new XmlParseError(`unexpected </${name}>`);
      pos = end + 1;
    } else {
      const end = tagEnd(text, lt);
      const selfClosing = text[end - 1] === '/';
      const body = text.slice(lt + 1, selfClosing ? end - 1 : end);
      const m = /^\s*([^\s/>]+)/.exec(body);
      if (!m) throw new XmlParseError('tag without a name');
      const element: XmlElement = { name: localName(m[1]!), attrs: {}, children: [], text: '' };
      for (const a of body.slice(m[0].length).matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        element.attrs[localName(a[1]!)] = decodeEntities(a[3] ?? a[4] ?? '');
      }
      top.children.push(element);
      if (!selfClosing) stack.push(element);
      pos = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlParseError(`unclosed <${stack[stack.length - 1]!.name}>`);
  const [first] = root.children;
  if (!first) throw new XmlParseError('no root element');
  return first;
}

function skipTo(text: string, marker: string, from: number): number {
  const i = text.indexOf(marker, from);
  if (i === -1) throw new XmlParseError(`unterminated markup at ${from}`);
  return i;
}

function tagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  throw new XmlParseError(`unterminated tag at ${from}`);
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Elements named `name` anywhere below el. */
export function descendants(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  const found: XmlElement[] = [];
  for (const c of el.children) {
    if (c.name === name) found.push(c);
    found.push(...descendants(c, name));
  }
  return found;
}

export function textOf(el: XmlElement | undefined, ...path: string[]): string | undefined {
  let cur = el;
  for (const p of path) cur = child(cur, p);
  return cur ? cur.text.trim() : undefined;
}

export function numberOf(el: XmlElement | undefined, ...path: string[]): number | undefined {
  const t = textOf(el, ...path);
  if (t === undefined || t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
