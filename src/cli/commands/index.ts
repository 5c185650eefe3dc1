import { HUB_USAGE } from '../../hub/hub-usage';
import type { Command, CommandRun } from '../command';

/**
 * What `sohoa --help` lists. A command's code is loaded only when it runs: the hub's, OCR's and the
 * batch's dependencies take seconds to load, which every other command would otherwise pay.
 */
const lazy = (spec: Omit<Command, 'run'>, load: () => Promise<CommandRun>): Command => ({
  ...spec,
  run: async (argv, io) => (await load()).run(argv, io),
});

export const commands: Command[] = [
  lazy(
    {
      name: 'ocr',
      usage: 'ocr <image...> [--lang vie] [--model fast|best] [--json] [--raw] [--workers N] [--data-dir D]',
      options: [
        '--model fast|best   the OCR model; else the data directory’s ocr.model setting (--data-dir or SOHOA_DATA_DIR), else fast',
        '--lang vie[+eng]    the languages; else the data directory’s ocr.languages setting, else vie',
      ],
      summary: 'read text from page images (text, or JSON Lines with words, boxes, confidence, fields)',
    },
    async () => (await import('./ocr')).ocrCommand,
  ),
  lazy(
    {
      name: 'process',
      usage:
        'process <image...> --out <file.pdf> [--title T] [--compression mrc|jpeg] [--sign <file.p12> --pass-env VAR] [--agency NAME --agency-code CODE | --data-dir D]',
      summary: 'clean, read and build a signed PDF/A record',
      options: [
        '--out F               the record to write (required)',
        '--title T             the record’s title (default: the first image’s name)',
        '--sign F.p12 --pass-env VAR   signs with a PKCS#12 file; VAR holds its password',
        '--pkcs11 MODULE [--token-label L] --pin-env VAR   signs with a USB token; VAR holds its PIN',
        '--tsa URL             adds an RFC 3161 timestamp',
        '--copy-type T         the copy type in the visible stamp (default SAO Y)',
        '--compression mrc|jpeg   page images as layers (mrc) or the scan’s JPEG; default: the data directory’s record.compression, else mrc',
        '--agency NAME --agency-code CODE   the agency for this run (stamp and metadata); else the data directory’s (sohoa config)',
        '--no-clean, --no-ocr  skip the clean-up, or the text layer',
      ],
    },
    async () => (await import('./process')).processCommand,
  ),
  lazy(
    {
      name: 'verify',
      usage: 'verify <file.pdf> --trust CA.pem [--trust …] [--json]',
      summary: "check a record's signature and integrity",
    },
    async () => (await import('./verify')).verifyCommand,
  ),
  lazy(
    {
      name: 'batch',
      usage: 'batch <folder> [--manifest register.csv|.xlsx] [--data-dir D] [--agency NAME --agency-code CODE] [--issuing-agency NAME]',
      summary: 'back-digitize a folder of archive scans (resumable)',
      options: [
        '--manifest F          the register (sổ theo dõi), CSV or XLSX, one row per dossier',
        '--map "box=Hộp số,number=Hồ sơ số,…"   register columns chosen by hand (remembered for the batch)',
        '--encoding utf-8|utf-16le|utf-16be|windows-1258|tcvn3|vni   the register’s text encoding (guessed by default)',
        '--sheet NAME|N|all    XLSX register: the sheet to read (by default the first with a register table)',
        '--separate folders|qr|patch-t|blank|count:N   how pages split into dossiers (remembered per batch; default folders)',
        '--workers N           OCR workers (default: the ocr.workers setting, 2)',
        '--agency NAME --agency-code CODE   the digitizing agency for this run; else the data directory’s (sohoa config)',
        '--issuing-agency NAME   the agency that issued the paper, as named then; each record carries it beside the digitizing agency',
        '--json                the summary as JSON',
        '--preview <folder> --manifest F [--map …]   the column map and the first rows; nothing imported',
        '--separator-sheets F --out sheets.pdf   one QR separator sheet per register row, to print',
        '--patch-t-sheets sheets.pdf [--count N]   N Kodak Patch T sheets to print (default 1)',
        '--watch <hot folder> [--manifest F] --separate qr|patch-t|blank|count:N   takes in what a copier drops, until SIGINT/SIGTERM',
        '--pause|--cancel <batchId|folder>   a running batch stops taking jobs (cancel keeps the pages taken in)',
        '--resume <batchId|folder>   runs a paused or cancelled batch again (SIGINT pauses it)',
        '--qc <batchId|folder> [--json]   the QC queue: flagged pages and dossiers, with reasons',
        '--approve <batchId|folder> [--dossier CODE …]   approves every dossier with nothing flagged, or those named',
        '--sign <batchId|folder> (--p12 FILE --pass-env VAR | --pkcs11 MODULE [--token-label L] --pin-env VAR) [--json]',
        '                      signs every approved, unsigned dossier’s records (SIGINT stops after the dossier in hand)',
        '--report <batchId|folder> [--json]   a batch’s reconciliation and flags',
      ],
    },
    async () => (await import('./batch')).batchCommand,
  ),
  lazy(
    {
      name: 'status',
      usage:
        'status [--data-dir D] [--json] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--procedure CODE] [--xlsx FILE] [--pdf FILE] [--verify [--rebuild]]',
      summary: 'progress and indicators from the local store',
    },
    async () => (await import('./status')).statusCommand,
  ),
  lazy(
    {
      name: 'sync',
      usage:
        'sync --hub URL [--data-dir D] [--enroll CODE [--name N]] [--limit-kbps K] [--json] | sync --export-bag DIR|FILE.zip [--records 1,2] | sync --validate-bag DIR|FILE.zip',
      summary: 'send waiting records to the hub, or move them as a BagIt bag',
      options: [
        '--hub URL             the hub (remembered after enrolling)',
        '--enroll CODE [--name N]   enrolls this workstation with a one-time code from the hub administrator',
        '--batch N             records taken from the outbox per round (default 20)',
        '--concurrency N       uploads at once (default 4)',
        '--limit-kbps K        bandwidth limit',
        '--max-wait-s S        longest wait between retries (default 60)',
        '--retry-rejected      puts rejected records back in the queue first',
        '--json                the summary as JSON',
        '--export-bag DIR|FILE.zip [--records 1,2]   unsynced (or the named) records as a BagIt bag',
        '--validate-bag DIR|FILE.zip   reports a bag’s completeness and fixity',
      ],
    },
    async () => (await import('./sync')).syncCommand,
  ),
  lazy(
    {
      name: 'hub',
      usage: HUB_USAGE,
      summary: 'run the central records hub, or administer it',
    },
    async () => (await import('./hub')).hubCommand,
  ),
  lazy(
    {
      name: 'dossier',
      usage:
        'dossier create --procedure CODE --name N --cccd C --received YYYY-MM-DD [--due D] [--phone P] [--address A] | dossier list [--json] | dossier delete CODE --reason R | dossier return CODE --result FILE… [--kind K] [--to NAME] [--at ISO] (--sign FILE.p12 --pass-env VAR | --pkcs11 MODULE --pin-env VAR)',
      summary:
        'take in a dossier, list dossiers, delete one (recorded with its reason; the signed records are kept), or hand back its signed result',
      options: [
        'return: --result FILE     a PDF from the specialised system (kept as is, counter-signed when already signed) or page images (scanned, read); repeatable',
        'return: --kind K          quyet-dinh, giay-chung-nhan, giay-phep, trich-luc, van-ban-tra-loi or khac (default)',
        'return: --number N --date YYYY-MM-DD   the result’s number and date (over what OCR reads)',
        'return: --to NAME [--authorization REF]   who received it (default the applicant); REF: the authorisation of a person receiving on their behalf',
        'return: --method desk|post|electronic --at ISO   how and when it was handed back (default at the desk, now)',
        'return: --late-reason R [--new-date D]   required when it is late against the due date and the working-day calendar',
      ],
    },
    async () => (await import('./dossier')).dossierCommand,
  ),
  lazy(
    {
      name: 'audit',
      usage: 'audit verify|re-anchor [--data-dir D] [--json]',
      summary: 'check the hash chain of the audit log',
    },
    async () => (await import('./audit')).auditCommand,
  ),
  lazy(
    {
      name: 'backup',
      usage: 'backup <dest> [--data-dir D] | backup check <dir> | backup restore <dir> [--data-dir D]',
      summary: 'consistent copy of the store with a hash manifest; check or restore one',
    },
    async () => (await import('./backup')).backupCommand,
  ),
  lazy(
    {
      name: 'store',
      usage: 'store encrypt [--data-dir D] [--key-file F]',
      summary: 'encrypt a store in clear from an earlier version (only in a folder never encrypted)',
    },
    async () => (await import('./store')).storeCommand,
  ),
  lazy(
    {
      name: 'catalog',
      usage: 'catalog import <procedures.csv> [--data-dir D]',
      summary: 'import a procedure catalog (code,name,field,level,processing_days,components)',
    },
    async () => (await import('./catalog')).catalogCommand,
  ),
  lazy(
    {
      name: 'user',
      usage:
        'user add <username> --name N --role clerk|archivist|supervisor|administrator --pass-env VAR | user list [--json] | user disable <username> | user reset-password <username> --pass-env VAR  [--data-dir D]',
      summary: 'manage the workstation users (as the local operator, audited)',
    },
    async () => (await import('./user')).userCommand,
  ),
  lazy(
    {
      name: 'config',
      usage: 'config list [--json] | config get KEY [--json] | config set KEY VALUE  [--data-dir D]',
      summary: 'the workstation settings (agency, scanners, OCR, sync, sign-in policy…): checked and audited',
      options: [
        'list                  every setting with its value ((default) when unset)',
        'get KEY               one setting’s value',
        'set KEY VALUE         numbers as digits, lists comma-separated, objects as JSON; refused with the key and what is allowed',
      ],
    },
    async () => (await import('./config')).configCommand,
  ),
];
