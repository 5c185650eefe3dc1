import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { CodedError } from '../../shared/errors';
import { parseCertificate } from './certificate-info';

/** The setting that lists the roots a record's signature must chain to (PEM text or PEM/DER file paths). */
export const TRUST_ANCHORS_SETTING = 'signing.trust-anchors';

export class TrustAnchorUnreadableError extends CodedError {
  constructor(source: string, reason: string) {
    super('signing.trust-anchor-unreadable', `The trust anchor ${source} cannot be read: ${reason}`, { source, reason });
  }
}

const pemBlock = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

/**
 * Reads trust anchors: each entry is PEM text, a certificate file (PEM, possibly several, or DER)
 * or a directory of them (`.pem`, `.crt`, `.cer`). Returns PEM text, so the anchors can be handed
 * to a worker thread as plain strings.
 */
export function readTrustAnchors(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.includes('-----BEGIN')) {
      out.push(...pemCertificates(entry, 'PEM text'));
      continue;
    }
    let files: string[];
    try {
      files = statSync(entry).isDirectory()
        ? readdirSync(entry)
            .filter((f) => /\.(pem|crt|cer)$/i.test(f))
            .sort()
            .map((f) => join(entry, f))
        : [entry];
    } catch (e) {
      throw new TrustAnchorUnreadableError(entry, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    for (const file of files) out.push(...certificatesInFile(file));
  }
  return out;
}

function certificatesInFile(file: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new TrustAnchorUnreadableError(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  return certificatesOfBytes(bytes, file);
}

function pemCertificates(text: string, source: string): string[] {
  const found = [...text.matchAll(pemBlock)].map((m) => Buffer.from(m[1]!.replace(/\s/g, ''), 'base64'));
  if (found.length === 0) throw new TrustAnchorUnreadableError(source, 'no certificate in it');
  for (const der of found) {
    try {
      parseCertificate(new Uint8Array(der));
    } catch {
      throw new TrustAnchorUnreadableError(source, 'not a certificate');
    }
  }
  return found.map(toPem);
}

/** The certificates of a file's bytes, PEM (one or several) or DER; throws TrustAnchorUnreadableError naming `source`. */
export function certificatesOfBytes(bytes: Uint8Array, source: string): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN')) return pemCertificates(text, source);
  try {
    parseCertificate(new Uint8Array(bytes));
  } catch {
    throw new TrustAnchorUnreadableError(source, 'not a certificate');
  }
  return [toPem(Buffer.from(bytes))];
}

/** A PEM certificate's DER bytes. */
export function pemToDer(pem: string): Uint8Array {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  return new Uint8Array(Buffer.from(m ? m[1]!.replace(/\s/g, '') : '', 'base64'));
}

function toPem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** PEM text (as `readTrustAnchors` returns it) to certificates. */
export function anchorCertificates(pems: readonly string[]): pkijs.Certificate[] {
  return pems.flatMap((pem) =>
    [...pem.matchAll(pemBlock)].map((m) => parseCertificate(new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')))),
  );
}

/** The setting's value (a JSON array of strings) to its entries; an absent or empty setting trusts nothing. */
export function trustAnchorEntries(setting: string | undefined): string[] {
  if (!setting) return [];
  try {
    const parsed: unknown = JSON.parse(setting);
    if (Array.isArray(parsed) && parsed.every((e) => typeof e === 'string')) return parsed;
  } catch {
    // not JSON: fall through
  }
  throw new TrustAnchorUnreadableError(TRUST_ANCHORS_SETTING, 'the setting is not a list of PEM files or PEM texts');
}
