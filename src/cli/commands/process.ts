import { readFile } from 'node:fs/promises';
import { agencyOfRun, agencyOptions } from '../agency-option';
import { compressionOfRun } from '../compression-option';
import { dataDirOption, parseCommandArgs } from '../args';
import { UsageError, type CliIo, type CommandRun } from '../command';
import { CodedError } from '../../shared/errors';
import { isoSeconds } from '../../core/record/xmp-metadata';
import { pageAsIs } from '../../core/record/page-as-is';
import { openP12Signer } from '../../core/record/p12-signer';
import { openPkcs11Signer } from '../../core/record/pkcs11-signer';
import type { Signer } from '../../core/record/signer';
import { recordFromImages, type PagePreparer, type PageReader, type RecordStages } from '../../core/record/record-from-images';
import { signPdf } from '../../core/record/sign-pdf';
import { durableWrite } from '../../core/store/durable-write';
import { rfc3161TimestampSource } from '../../core/record/timestamp-client';

export const options = {
  out: { type: 'string' },
  title: { type: 'string' },
  sign: { type: 'string' },
  'pass-env': { type: 'string' },
  pkcs11: { type: 'string' },
  'token-label': { type: 'string' },
  'pin-env': { type: 'string' },
  tsa: { type: 'string' },
  'copy-type': { type: 'string', default: 'SAO Y' },
  compression: { type: 'string' },
  ...agencyOptions,
  ...dataDirOption,
  'no-ocr': { type: 'boolean', default: false },
  'no-clean': { type: 'boolean', default: false },
} as const;

export class SignedRecordNotWrittenError extends CodedError {
  constructor(cause: CodedError, unsignedPath: string) {
    super(cause.code, `${cause.message}; the unsigned record was kept at ${unsignedPath}`, { ...cause.details, unsignedPath });
  }
}

export const processCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length === 0) throw new UsageError('give at least one image');
    if (!values.out) throw new UsageError('--out is required');
    if (values.sign && !values['pass-env']) throw new UsageError('--sign needs --pass-env VAR naming the variable that holds the password');
    if (values.pkcs11 && !values['pin-env']) throw new UsageError('--pkcs11 needs --pin-env VAR naming the variable that holds the PIN');
    if (values.sign && values.pkcs11) throw new UsageError('give --sign or --pkcs11, not both');
    const secretVar = values.sign ? values['pass-env']! : values.pkcs11 ? values['pin-env']! : undefined;
    const secret = secretVar ? io.env[secretVar] : undefined;
    if (secretVar && secret === undefined) throw new UsageError(`the variable ${secretVar} is not set`);
    const openSigner = async (): Promise<Signer | undefined> => {
      if (values.sign) return openP12Signer(new Uint8Array(await readFile(values.sign)), secret!);
      if (values.pkcs11) return openPkcs11Signer({ modulePath: values.pkcs11, tokenLabel: values['token-label'], pin: secret! });
      return undefined;
    };

    const compression = await compressionOfRun(values, io);
    const agency = agencyOfRun(values, io.env);
    const stages = await pipelineStages({ clean: !values['no-clean'], ocr: !values['no-ocr'] }, io);
    try {
      const images = await Promise.all(positionals.map(async (label) => ({ label, bytes: await readFile(label) })));
      const title = values.title ?? positionals[0]!.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
      const unsigned = await recordFromImages(
        images,
        { title, digitizingAgency: agency, digitizedAt: new Date(), digitizedBy: io.env.USER },
        stages,
        { compression },
      );
      if (!secretVar) {
        durableWrite(values.out, unsigned);
        io.out(`${values.out}: ${positionals.length} page(s), unsigned`);
        return 0;
      }
      let signed: Uint8Array;
      let signer: Signer | undefined;
      try {
        signer = (await openSigner())!;
        const signingTime = new Date();
        signed = await signPdf(unsigned, {
          signer,
          signingTime,
          stamp: { lines: [values['copy-type'], agency.name, isoWithVietnamOffset(signingTime)].filter(Boolean) },
          timestamp: values.tsa ? rfc3161TimestampSource({ url: values.tsa }) : undefined,
        });
      } catch (e) {
        if (!(e instanceof CodedError)) throw e;
        const unsignedPath = values.out.replace(/(\.pdf)?$/i, '.unsigned.pdf');
        durableWrite(unsignedPath, unsigned);
        throw new SignedRecordNotWrittenError(e, unsignedPath);
      } finally {
        await signer?.close();
      }
      durableWrite(values.out, signed);
      io.out(`${values.out}: ${positionals.length} page(s), signed`);
      return 0;
    } finally {
      await stages.close();
    }
  },
};

interface ClosableStages extends RecordStages {
  close(): Promise<void>;
}

/**
 * The clean-up chain (src/core/imaging) and the OCR pool (src/core/ocr) when this build has
 * them; otherwise pages are taken as they are and the record has no text layer.
 */
async function pipelineStages(wanted: { clean: boolean; ocr: boolean }, io: CliIo): Promise<ClosableStages> {
  const prepare = (wanted.clean && (await cleaningPreparer())) || asIsPreparer;
  const reader = wanted.ocr ? await ocrReader() : undefined;
  if (wanted.ocr && !reader) io.err('sohoa process: OCR is not available in this build; the record has no text layer');
  return { prepare, read: reader?.read, close: reader?.close ?? (async () => undefined) };
}

const asIsPreparer: PagePreparer = async ({ bytes, label }) => ({ page: await pageAsIs(bytes, label) });

async function cleaningPreparer(): Promise<PagePreparer | undefined> {
  try {
    const { cleanPage } = await import('../../core/imaging/clean-page');
    return async ({ bytes }) => {
      const c = await cleanPage(bytes);
      return {
        page: { image: c.image, format: c.imageFormat, width: c.width, height: c.height, dpi: c.dpi, colorMode: c.colorMode },
        ocrImage: c.ocrImage,
      };
    };
  } catch {
    return undefined;
  }
}

async function ocrReader(): Promise<{ read: PageReader; close(): Promise<void> } | undefined> {
  try {
    const { OcrPool } = await import('../../core/ocr/ocr-pool');
    const { TesseractDriver } = await import('../../core/ocr/tesseract-driver');
    const pool = new OcrPool(new TesseractDriver());
    return {
      read: (prepared, label) => pool.recognize(prepared.ocrImage ?? prepared.page.image, { label }),
      close: () => pool.close(),
    };
  } catch {
    return undefined;
  }
}

/** Signing time as Decree 30 shows it: ISO 8601 in Vietnam's time (UTC+7). */
function isoWithVietnamOffset(d: Date): string {
  return isoSeconds(new Date(d.getTime() + 7 * 3_600_000)).replace('Z', '+07:00');
}
