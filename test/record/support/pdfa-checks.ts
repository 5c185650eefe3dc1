import { decodePDFRawStream, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { run, withPdfFile } from './pdf-tools';

/**
 * The parts of PDF/A-2b (ISO 19005-2, level B) that matter for SoHoa's records, checked with
 * qpdf's JSON view of every object and pdf-lib for the XMP and the ICC profile. No full validator
 * (veraPDF) is packaged for Debian or npm; what this leaves out is listed in docs/RECORD.md.
 * Returns one line per problem found; none for a record that passes.
 */
export async function pdfa2bProblems(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const say = (p: string) => problems.push(p);
  fileStructure(bytes, say);
  const json = withPdfFile(bytes, (p) => run('qpdf', ['--json', '--json-stream-data=none', p]));
  if (json.status !== 0 && json.status !== 3) return [...problems, `qpdf --json failed: ${json.stderr.trim()}`];
  const view = JSON.parse(json.stdout) as QpdfJson;
  const objects = view.qpdf[1];
  const deref = (v: unknown): Dict | undefined => {
    if (typeof v === 'string' && / R$/.test(v)) {
      const o = objects[`obj:${v}`];
      return (o?.value ?? o?.stream?.dict) as Dict | undefined;
    }
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : undefined;
  };
  const trailer = objects['trailer']?.value as Dict;
  if (view.encrypt.encrypted || trailer['/Encrypt']) say('encrypted (trailer /Encrypt)');
  const id = trailer['/ID'];
  if (!Array.isArray(id) || id.length !== 2) say('no trailer /ID of two strings');
  const catalog = deref(trailer['/Root']);
  if (!catalog) return [...problems, 'no catalog'];
  catalogEntries(catalog, deref, say);
  for (const [key, object] of Object.entries(objects)) {
    if (key === 'trailer') continue;
    const streamDict = object.stream?.dict;
    if (streamDict) streamEntries(key, streamDict, say);
    walk(object.value ?? streamDict, (dict) => dictEntries(key, dict, deref, say));
  }
  await xmpAndIntent(bytes, say);
  return problems;
}

type Dict = Record<string, unknown>;
interface QpdfJson {
  encrypt: { encrypted: boolean };
  qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Dict } }>];
}
type Say = (problem: string) => void;

/** Header with a binary comment, nothing after the last %%EOF but an end of line. */
function fileStructure(bytes: Uint8Array, say: Say): void {
  const head = Buffer.from(bytes.subarray(0, 64));
  if (!/^%PDF-1\.[4-7]\r?\n/.test(head.toString('latin1'))) say('header is not %PDF-1.4 to 1.7 on its own line');
  const secondLine = head.subarray(head.indexOf(0x0a) + 1);
  const binary = secondLine[0] === 0x25 ? [...secondLine.subarray(1, 5)].filter((b) => b >= 128).length : 0;
  if (binary < 4) say('no comment of four bytes above 127 after the header');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 32))).toString('latin1');
  if (!/%%EOF(\r\n|\r|\n)?$/.test(tail)) say('data after the last %%EOF');
}

function catalogEntries(catalog: Dict, deref: (v: unknown) => Dict | undefined, say: Say): void {
  if (!catalog['/Metadata']) say('catalog has no /Metadata');
  else if (deref(catalog['/Metadata'])?.['/Filter']) say('the XMP metadata stream is filtered');
  if (catalog['/OpenAction']) say('catalog has an /OpenAction');
  if (catalog['/AA']) say('catalog has additional actions (/AA)');
  const names = deref(catalog['/Names']);
  if (names?.['/JavaScript']) say('catalog names JavaScript');
  if (names?.['/EmbeddedFiles']) say('catalog names embedded files');
  const form = deref(catalog['/AcroForm']);
  if (form?.['/NeedAppearances'] === true) say('AcroForm /NeedAppearances is true');
  if (form?.['/XFA']) say('AcroForm has XFA');
}

function streamEntries(key: string, dict: Dict, say: Say): void {
  const filters = [dict['/Filter']].flat();
  if (filters.includes('/LZWDecode')) say(`${key}: LZW filter`);
  if (dict['/F'] !== undefined || dict['/FFilter'] !== undefined) say(`${key}: stream data in an external file`);
  if (dict['/Subtype'] === '/Image') {
    if (dict['/Interpolate'] === true) say(`${key}: image with /Interpolate true`);
    if (dict['/Alternates']) say(`${key}: image with /Alternates`);
    if (dict['/OPI']) say(`${key}: image with /OPI`);
    if (typeof dict['/BitsPerComponent'] === 'number' && dict['/BitsPerComponent'] > 16) say(`${key}: more than 16 bits per component`);
  }
  if (dict['/Subtype'] === '/PS' || dict['/Type'] === '/PS') say(`${key}: PostScript XObject`);
}

const forbiddenActions = [
  '/JavaScript',
  '/Launch',
  '/Sound',
  '/Movie',
  '/ResetForm',
  '/ImportData',
  '/Hide',
  '/SetOCGState',
  '/Rendition',
  '/Trans',
  '/GoTo3DView',
];

/** Checks on any dictionary, wherever it sits. */
function dictEntries(key: string, dict: Dict, deref: (v: unknown) => Dict | undefined, say: Say): void {
  if (dict['/JS'] !== undefined) say(`${key}: JavaScript (/JS)`);
  if (forbiddenActions.includes(dict['/S'] as string)) say(`${key}: action ${String(dict['/S'])}`);
  const group = deref(dict['/Group']);
  if (group?.['/S'] === '/Transparency') say(`${key}: transparency group`);
  if (dict['/Type'] === '/ExtGState') {
    if (dict['/SMask'] !== undefined && dict['/SMask'] !== '/None') say(`${key}: soft mask in a graphics state`);
    for (const alpha of ['/CA', '/ca']) if (typeof dict[alpha] === 'number' && dict[alpha] < 1) say(`${key}: ${alpha} below 1`);
    if (dict['/TR'] !== undefined) say(`${key}: transfer function /TR`);
  }
  if (dict['/Subtype'] === '/Image' && dict['/SMask'] !== undefined) say(`${key}: image with a soft mask`);
  if (dict['/Type'] === '/Font' && dict['/Subtype'] !== '/Type3') fontEmbedded(key, dict, deref, say);
  if (dict['/Type'] === '/Annot' || (dict['/Subtype'] === '/Widget' && dict['/Rect'])) annotation(key, dict, deref, say);
}

function fontEmbedded(key: string, font: Dict, deref: (v: unknown) => Dict | undefined, say: Say): void {
  const described = font['/Subtype'] === '/Type0' ? deref([font['/DescendantFonts']].flat()[0]) : font;
  const descriptor = deref(described?.['/FontDescriptor']);
  if (!descriptor) say(`${key}: font ${String(font['/BaseFont'])} has no font descriptor`);
  else if (!descriptor['/FontFile'] && !descriptor['/FontFile2'] && !descriptor['/FontFile3'])
    say(`${key}: font ${String(font['/BaseFont'])} is not embedded`);
}

function annotation(key: string, annot: Dict, deref: (v: unknown) => Dict | undefined, say: Say): void {
  const flags = typeof annot['/F'] === 'number' ? annot['/F'] : 0;
  // Print (4) set; Invisible (1), Hidden (2), ToggleNoView (256) and NoView (32) clear.
  if (!(flags & 4) || flags & (1 | 2 | 32 | 256)) say(`${key}: annotation flags ${flags} (must print, must not hide)`);
  const rect = (annot['/Rect'] as number[] | undefined) ?? [0, 0, 0, 0];
  const sized = rect[2]! - rect[0]! !== 0 && rect[3]! - rect[1]! !== 0;
  if (sized && annot['/Subtype'] !== '/Popup' && annot['/Subtype'] !== '/Link' && !deref(annot['/AP'])?.['/N'])
    say(`${key}: annotation without a normal appearance`);
}

/** Every dictionary inside a value (arrays and nested dictionaries; references are not followed). */
function walk(value: unknown, visit: (dict: Dict) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (typeof value === 'object' && value !== null) {
    visit(value as Dict);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

/** XMP with pdfaid 2/B matching the Info dictionary; one GTS_PDFA1 OutputIntent with an RGB ICC profile. */
async function xmpAndIntent(bytes: Uint8Array, say: Say): Promise<void> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const metadata = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream | undefined;
  if (metadata) {
    const xmp = new TextDecoder().decode(metadata.contents);
    if (!/<\?xpacket begin=/.test(xmp) || !/<\?xpacket end=/.test(xmp)) say('XMP is not in an xpacket');
    if (!/<pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/.test(xmp)) say('XMP does not say pdfaid:part 2');
    if (!/<pdfaid:conformance>B<\/pdfaid:conformance>|pdfaid:conformance="B"/.test(xmp)) say('XMP does not say pdfaid:conformance B');
    const producer = doc.getProducer();
    if (producer && !xmp.includes(`<pdf:Producer>${producer}</pdf:Producer>`)) say('Info /Producer differs from the XMP pdf:Producer');
    const title = doc.getTitle();
    if (title && !xmp.includes(title)) say('Info /Title is not the XMP dc:title');
  }
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  const list = intents && 'asArray' in intents ? (intents as { asArray(): unknown[] }).asArray() : [];
  const pdfa = list
    .map((ref) => doc.context.lookup(ref as never) as unknown as { get(n: PDFName): unknown; lookup(n: PDFName): unknown })
    .filter((intent) => intent.get(PDFName.of('S')) === PDFName.of('GTS_PDFA1'));
  if (pdfa.length !== 1) {
    say(`${pdfa.length} GTS_PDFA1 output intents, not one`);
    return;
  }
  const profile = pdfa[0]!.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream | undefined;
  if (!profile) {
    say('the output intent has no ICC profile');
    return;
  }
  const icc = decodePDFRawStream(profile).decode();
  const text = (from: number, to: number) => new TextDecoder('latin1').decode(icc.subarray(from, to));
  if (text(36, 40) !== 'acsp') say('the output intent profile is not an ICC profile');
  if (text(16, 20) !== 'RGB ') say('the output intent profile is not RGB, as the records\u2019 DeviceRGB images need');
  if (!['mntr', 'prtr'].includes(text(12, 16))) say('the output intent profile is neither a monitor nor a printer profile');
  if (String(profile.dict.get(PDFName.of('N'))) !== '3') say('the ICC profile stream does not say N 3');
}
