import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { Signer } from './signer';
import { SignerBadPasswordError, SignerFileUnreadableError, SignerKeyMissingError } from './signer-errors';
import { toArrayBuffer } from './array-buffer';
import { orderChain } from './certificate-info';

const keyBag = '1.2.840.113549.1.12.10.1.1';
const shroudedKeyBag = '1.2.840.113549.1.12.10.1.2';
const certBag = '1.2.840.113549.1.12.10.1.3';

/**
 * Opens a PKCS#12 (.p12/.pfx) file in pure JavaScript (pkijs), so the workstation needs no
 * OpenSSL: Node's crypto cannot read PKCS#12. The password is used here and not kept.
 */
export async function openP12Signer(p12: Uint8Array, password: string): Promise<Signer> {
  const { key, certificates } = await readP12(p12, password);
  const chain = orderChain(certificates, key);
  return {
    certificateChain: async () => chain,
    sign: async (data) => new Uint8Array(nodeSign('sha256', data, key)),
    close: async () => undefined,
  };
}

async function readP12(p12: Uint8Array, password: string): Promise<{ key: KeyObject; certificates: Uint8Array[] }> {
  const pass = toArrayBuffer(new TextEncoder().encode(password));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(p12));
  } catch (e) {
    throw new SignerFileUnreadableError('not a PKCS#12 file', { cause: (e as Error).message });
  }
  try {
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true });
  } catch (e) {
    if (/integrity|mac/i.test((e as Error).message)) throw new SignerBadPasswordError();
    throw new SignerFileUnreadableError((e as Error).message);
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new SignerFileUnreadableError('no authenticated safe');
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pass })) });
  } catch {
    throw new SignerBadPasswordError();
  }
  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const contents of safe.parsedValue?.safeContents ?? []) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === shroudedKeyBag) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        try {
          // parseInternalValues is protected in pkijs's typings but is the documented way to decrypt the bag.
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({
            password: pass,
          });
        } catch {
          throw new SignerBadPasswordError();
        }
        if (shrouded.parsedValue) keys.push(new Uint8Array(shrouded.parsedValue.toSchema().toBER()));
      } else if (bag.bagId === keyBag) {
        keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()));
      } else if (bag.bagId === certBag) {
        const cert = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (cert instanceof pkijs.Certificate) certificates.push(new Uint8Array(cert.toSchema().toBER()));
      }
    }
  }
  const keyDer = keys[0];
  if (!keyDer || certificates.length === 0) throw new SignerKeyMissingError();
  return { key: createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' }), certificates };
}
