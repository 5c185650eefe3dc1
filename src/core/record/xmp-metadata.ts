import type { RecordMetadata, ScanFacts } from './record-metadata';

/** Namespace of the record's own XMP fields. */
export const recordNamespace = 'https://sohoa.gov.vn/ns/record/1.0/';
const prefix = 'sohoa';

interface RecordProperty {
  name: string;
  valueType: 'Text' | 'Integer' | 'Date';
  description: string;
  value: (m: RecordMetadata, s: Partial<ScanFacts>) => string | number | undefined;
}

const recordProperties: RecordProperty[] = [
  { name: 'dossierCode', valueType: 'Text', description: 'Dossier code (mã hồ sơ)', value: (m) => m.dossierCode },
  { name: 'procedureCode', valueType: 'Text', description: 'National procedure catalog code', value: (m) => m.procedureCode },
  { name: 'documentKind', valueType: 'Text', description: 'Kind of component document', value: (m) => m.documentKind },
  { name: 'documentNumber', valueType: 'Text', description: 'Number of the paper document', value: (m) => m.documentNumber },
  { name: 'documentDate', valueType: 'Text', description: 'Date of the paper document', value: (m) => m.documentDate },
  {
    name: 'issuingAgencyAtIssue',
    valueType: 'Text',
    description: 'Issuing agency as named when issued',
    value: (m) => m.issuingAgencyAtIssue,
  },
  { name: 'issuingAgencyToday', valueType: 'Text', description: 'Issuing agency as named today', value: (m) => m.issuingAgencyToday },
  { name: 'digitizingAgency', valueType: 'Text', description: 'Agency that digitized the paper', value: (m) => m.digitizingAgency?.name },
  {
    name: 'digitizingAgencyCode',
    valueType: 'Text',
    description: 'Electronic identifier code of the digitizing agency',
    value: (m) => m.digitizingAgency?.code,
  },
  {
    name: 'digitizingAgencyParent',
    valueType: 'Text',
    description: 'Parent of the digitizing agency',
    value: (m) => m.digitizingAgency?.parent || undefined,
  },
  {
    name: 'workstation',
    valueType: 'Text',
    description: 'Workstation that digitized the paper',
    value: (m) => m.digitizingAgency?.workstationName || undefined,
  },
  { name: 'desk', valueType: 'Text', description: 'Desk of that workstation', value: (m) => m.digitizingAgency?.desk || undefined },
  { name: 'archiveBox', valueType: 'Text', description: 'Archive box number (hộp số)', value: (m) => m.archive?.box },
  {
    name: 'archiveDossierNumber',
    valueType: 'Text',
    description: 'Archive dossier number (hồ sơ số)',
    value: (m) => m.archive?.dossierNumber,
  },
  { name: 'archiveYear', valueType: 'Integer', description: 'Year of the archive dossier', value: (m) => m.archive?.year },
  { name: 'retentionPeriod', valueType: 'Text', description: 'Retention period (thời hạn bảo quản)', value: (m) => m.archive?.retention },
  {
    name: 'registerTitle',
    valueType: 'Text',
    description: 'Dossier title in the archive register (sổ theo dõi)',
    value: (m) => m.archive?.registerTitle,
  },
  { name: 'pageCount', valueType: 'Integer', description: 'Number of pages', value: (_m, s) => s.pageCount },
  { name: 'dpi', valueType: 'Integer', description: 'Scan resolution in dots per inch', value: (_m, s) => s.dpi },
  {
    name: 'imageEncoding',
    valueType: 'Text',
    description: 'How page images are stored: mrc (layers), image or bilevel',
    value: (_m, s) => s.imageEncoding,
  },
  {
    name: 'maskDpi',
    valueType: 'Integer',
    description: 'Resolution of the full-resolution layer (text mask or image), dpi',
    value: (_m, s) => s.maskDpi,
  },
  {
    name: 'backgroundDpi',
    valueType: 'Integer',
    description: 'Resolution of the background layer, dpi',
    value: (_m, s) => s.backgroundDpi,
  },
  {
    name: 'foregroundDpi',
    valueType: 'Integer',
    description: 'Resolution of the colour foreground layer (seals, signatures), dpi',
    value: (_m, s) => s.foregroundDpi,
  },
  { name: 'colorMode', valueType: 'Text', description: 'Scan colour mode: color, gray or bw', value: (_m, s) => s.colorMode },
  { name: 'digitizedAt', valueType: 'Date', description: 'When the paper was digitized', value: (m) => isoSeconds(m.digitizedAt) },
  { name: 'digitizedBy', valueType: 'Text', description: 'Who digitized it', value: (m) => m.digitizedBy },
];

export interface XmpInput {
  metadata: RecordMetadata;
  scan: Partial<ScanFacts>;
  producer: string;
  created: Date;
}

/** PDF/A-2b XMP packet: identification, Dublin Core, dates, producer and the record's fields, with their extension schema. */
export function recordXmp({ metadata, scan, producer, created }: XmpInput): string {
  const date = isoSeconds(created);
  const fields = recordProperties
    .map((p) => [p.name, p.value(metadata, scan)] as const)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([name, v]) => `      <${prefix}:${name}>${escapeXml(String(v))}</${prefix}:${name}>`)
    .join('\n');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about=""
        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
        xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
        xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
        xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
        xmlns:${prefix}="${recordNamespace}">
      <pdfaid:part>2</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(metadata.title)}</rdf:li></rdf:Alt></dc:title>
      <xmp:CreateDate>${date}</xmp:CreateDate>
      <xmp:ModifyDate>${date}</xmp:ModifyDate>
      <xmp:MetadataDate>${date}</xmp:MetadataDate>
      <xmp:CreatorTool>${escapeXml(producer)}</xmp:CreatorTool>
      <pdf:Producer>${escapeXml(producer)}</pdf:Producer>
${fields}
      <pdfaExtension:schemas>
        <rdf:Bag>
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>SoHoa electronic record</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${recordNamespace}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>${prefix}</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>
${recordProperties.map(propertyDescription).join('\n')}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function propertyDescription(p: RecordProperty): string {
  return `                <rdf:li rdf:parseType="Resource">
                  <pdfaProperty:name>${p.name}</pdfaProperty:name>
                  <pdfaProperty:valueType>${p.valueType}</pdfaProperty:valueType>
                  <pdfaProperty:category>external</pdfaProperty:category>
                  <pdfaProperty:description>${escapeXml(p.description)}</pdfaProperty:description>
                </rdf:li>`;
}

/** ISO 8601 in UTC to the second, as both XMP and the Info dictionary (D:…Z) can say it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
