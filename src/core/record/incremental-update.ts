/** One object of an incremental update, already serialized (without `n g obj` / `endobj`). */
export interface UpdatedObject {
  objectNumber: number;
  generation: number;
  body: Uint8Array;
}

export interface IncrementalUpdate {
  /** The whole new file: the original bytes, untouched, then the update. */
  bytes: Uint8Array;
  /** Where each object's body starts in `bytes`. */
  bodyOffsets: Map<number, number>;
}

export interface UpdateTrailer {
  size: number;
  root: string;
  info?: string;
  id?: [string, string];
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * Appends objects to a PDF as an incremental update (ISO 32000 §7.5.6): new bodies, a
 * cross-reference section for them only and a trailer whose /Prev points at the previous
 * one. The original bytes are kept as they are, so earlier signatures stay valid.
 */
export function appendIncrementalUpdate(original: Uint8Array, objects: UpdatedObject[], trailer: UpdateTrailer): IncrementalUpdate {
  const prev = lastStartXref(original);
  const parts: Uint8Array[] = [original];
  let offset = original.length;
  const push = (chunk: Uint8Array) => {
    parts.push(chunk);
    offset += chunk.length;
  };
  if (original[original.length - 1] !== 0x0a && original[original.length - 1] !== 0x0d) push(latin1('\n'));
  const objectOffsets = new Map<number, { offset: number; generation: number }>();
  const bodyOffsets = new Map<number, number>();
  for (const o of [...objects].sort((a, b) => a.objectNumber - b.objectNumber)) {
    objectOffsets.set(o.objectNumber, { offset, generation: o.generation });
    push(latin1(`${o.objectNumber} ${o.generation} obj\n`));
    bodyOffsets.set(o.objectNumber, offset);
    push(o.body);
    push(latin1('\nendobj\n'));
  }
  const xrefOffset = offset;
  push(latin1(xrefSection(objectOffsets)));
  const entries = [`/Size ${trailer.size}`, `/Root ${trailer.root}`];
  if (trailer.info) entries.push(`/Info ${trailer.info}`);
  if (trailer.id) entries.push(`/ID [${trailer.id[0]} ${trailer.id[1]}]`);
  entries.push(`/Prev ${prev}`);
  push(latin1(`trailer\n<< ${entries.join(' ')} >>\nstartxref\n${xrefOffset}\n%%EOF\n`));
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, bodyOffsets };
}

function xrefSection(offsets: Map<number, { offset: number; generation: number }>): string {
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = offsets.get(numbers[k]!)!;
      out += `${String(e.offset).padStart(10, '0')} ${String(e.generation).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

/** The offset the last `startxref` of the file points at. */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const last = matches[matches.length - 1];
  if (!last) throw new RangeError('no startxref at the end of the file');
  return Number(last[1]);
}
