// A small eSCL scanner for the tests, answering as the Mopria eSCL specification describes.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EsclResponderOptions {
  /** Image files the "feeder" holds; the platen gives the first. */
  pages: { bytes: Buffer; type: string }[];
  makeAndModel?: string;
  /** The first N job creations answer 503. */
  busyPosts?: number;
  /** Each page answers 503 this many times before it is ready. */
  notReadyPerPage?: number;
  /** The feeder has no paper. */
  adfEmpty?: boolean;
  /** The feeder jams after this many pages. */
  jamAfter?: number;
  /** The device forgets the job after this many pages (as after a reboot or a timeout). */
  dropJobAfter?: number;
}

export interface ReceivedJob {
  id: string;
  settings: Record<string, string>;
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  served: number;
  deleted: boolean;
}

export interface EsclResponder {
  url: string;
  jobs: ReceivedJob[];
  requests: string[];
  close(): Promise<void>;
}

const NS = 'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';

function inputCaps(maxWidth: number, maxHeight: number): string {
  return `
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${maxWidth}</scan:MaxWidth>
      <scan:MinHeight>32</scan:MinHeight><scan:MaxHeight>${maxHeight}</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles>
        <scan:SettingProfile>
          <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
          <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
          <scan:SupportedResolutions>
            <scan:DiscreteResolutions>
              ${[100, 200, 300, 600].map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`).join('')}
            </scan:DiscreteResolutions>
          </scan:SupportedResolutions>
        </scan:SettingProfile>
      </scan:SettingProfiles>
      <scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>`;
}

/** The flatbed is Letter-wide and A4-long; the feeder takes Legal. Sizes in 1/300 inch. */
export const PLATEN_MAX = { width: 2550, height: 3508 };
export const ADF_MAX = { width: 2550, height: 4200 };

function capabilities(model: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${model}</pwg:MakeAndModel>
  <pwg:SerialNumber>TEST0001</pwg:SerialNumber>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>
  <scan:Platen><scan:PlatenInputCaps>${inputCaps(PLATEN_MAX.width, PLATEN_MAX.height)}
  </scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>${inputCaps(ADF_MAX.width, ADF_MAX.height)}
    </scan:AdfSimplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`;
}

/** The elements of a ScanSettings document, by local name (ScanRegion children included). */
function settingsOf(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<(?:\w+:)?(\w+)(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?\1>/g)) out[m[1]!] = m[2]!.trim();
  return out;
}

export async function startEsclResponder(options: EsclResponderOptions): Promise<EsclResponder> {
  const jobs: ReceivedJob[] = [];
  const requests: string[] = [];
  let posts = 0;
  let adfState = options.adfEmpty ? 'ScannerAdfEmpty' : 'ScannerAdfLoaded';
  let notReady = 0;

  const status = (): string => {
    const visible = jobs.filter((j) => options.dropJobAfter === undefined || j.served < options.dropJobAfter || j.state === 'Canceled');
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${jobs.some((j) => j.state === 'Processing') ? 'Processing' : 'Idle'}</pwg:State>
  <scan:AdfState>${adfState}</scan:AdfState>
  <scan:Jobs>${visible
    .map(
      (j) => `
    <scan:JobInfo>
      <pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri>
      <pwg:JobUuid>${j.id}</pwg:JobUuid>
      <scan:Age>1</scan:Age>
      <pwg:ImagesCompleted>${j.served}</pwg:ImagesCompleted>
      <pwg:JobState>${j.state}</pwg:JobState>
      <pwg:JobStateReasons><pwg:JobStateReason>${j.state === 'Completed' ? 'JobCompletedSuccessfully' : 'None'}</pwg:JobStateReason></pwg:JobStateReasons>
    </scan:JobInfo>`,
    )
    .join('')}
  </scan:Jobs>
</scan:ScannerStatus>`;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${req.method} ${path}`);
    const send = (code: number, text = '', headers: Record<string, string> = {}): void => {
      res.writeHead(code, { 'content-type': 'text/xml', ...headers });
      res.end(text);
    };
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities')
      return send(200, capabilities(options.makeAndModel ?? 'SoHoa Test Scanner'));
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return send(200, status());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      posts++;
      if (posts <= (options.busyPosts ?? 0)) return send(503);
      const job: ReceivedJob = { id: randomUUID(), settings: settingsOf(body), state: 'Processing', served: 0, deleted: false };
      jobs.push(job);
      return send(201, '', { location: `http://${req.headers.host}/eSCL/ScanJobs/${job.id}` });
    }
    const m = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?$/.exec(path);
    const job = m ? jobs.find((j) => j.id === m[1]) : undefined;
    if (!m || !job || job.deleted) return send(404);
    if (req.method === 'DELETE' && !m[2]) {
      job.state = 'Canceled';
      job.deleted = true;
      return send(200);
    }
    if (req.method !== 'GET' || !m[2]) return send(405);
    const feeder = job.settings.InputSource === 'Feeder';
    const available = feeder ? (options.adfEmpty ? 0 : options.pages.length) : 1;
    const limit = Math.min(available, options.jamAfter ?? Infinity, options.dropJobAfter ?? Infinity);
    if (job.state !== 'Processing' || job.served >= limit) {
      if (job.state === 'Processing') {
        if (options.jamAfter !== undefined && job.served >= options.jamAfter) {
          adfState = 'ScannerAdfJam';
          job.state = 'Aborted';
        } else if (options.dropJobAfter !== undefined && job.served >= options.dropJobAfter) {
          job.deleted = true;
        } else {
          job.state = 'Completed';
          if (feeder) adfState = 'ScannerAdfEmpty';
        }
      }
      return send(404);
    }
    if (notReady < (options.notReadyPerPage ?? 0)) {
      notReady++;
      return send(503);
    }
    notReady = 0;
    const page = options.pages[job.served]!;
    job.served++;
    res.writeHead(200, { 'content-type': page.type, 'content-location': `/eSCL/ScanJobs/${job.id}/${job.served}` });
    res.end(page.bytes);
  };

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/eSCL`,
    jobs,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
