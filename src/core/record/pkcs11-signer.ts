import type * as Pkcs11Types from 'pkcs11js';
import { loadPkcs11js } from '../native/native-modules';
import { orderChain } from './certificate-info';
import type { Signer } from './signer';
import { SignerBadPinError, SignerKeyMissingError, SignerPinLockedError, SignerTokenAbsentError, SignerTokenError } from './signer-errors';

// Loaded at the first token use, so a missing native build fails that use with a coded error, not the engine's start.
let pkcs11js: typeof Pkcs11Types;

export interface Pkcs11SignerOptions {
  /** The token vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so or a CA's .dll. */
  modulePath: string;
  /** Token label; without it the first token present is used. */
  tokenLabel?: string;
  /** CKA_ID of the key (hex); without it the first private key is used. */
  keyId?: string;
  /** Given by the caller for this session only; never kept. */
  pin: string;
}

/**
 * A signer on a PKCS#11 token (the USB tokens Vietnamese CAs issue; SoftHSM2 in tests).
 * Signs with CKM_SHA256_RSA_PKCS, so the key never leaves the token.
 */
export async function openPkcs11Signer(options: Pkcs11SignerOptions): Promise<Signer> {
  pkcs11js = loadPkcs11js();
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(options.modulePath);
  } catch (e) {
    throw new SignerTokenAbsentError({ modulePath: options.modulePath, reason: (e as Error).message });
  }
  let initialized = false;
  let session: Pkcs11Types.Handle | undefined;
  const close = async () => {
    if (session) {
      try {
        lib.C_Logout(session);
      } catch {
        /* already logged out */
      }
      try {
        lib.C_CloseSession(session);
      } catch {
        /* already closed */
      }
      session = undefined;
    }
    if (initialized) {
      lib.C_Finalize();
      initialized = false;
    }
  };
  try {
    lib.C_Initialize();
    initialized = true;
    const slot = findSlot(lib, options.tokenLabel);
    if ((lib.C_GetTokenInfo(slot).flags & pkcs11js.CKF_USER_PIN_LOCKED) !== 0) throw new SignerPinLockedError();
    session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    login(lib, session, options.pin);
    const s = session;
    const keyIdFilter = options.keyId ? [{ type: pkcs11js.CKA_ID, value: Buffer.from(options.keyId, 'hex') }] : [];
    const key = findObjects(lib, s, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, ...keyIdFilter])[0];
    if (!key) throw new SignerKeyMissingError({ tokenLabel: options.tokenLabel });
    const keyId = lib.C_GetAttributeValue(s, key, [{ type: pkcs11js.CKA_ID }])[0]?.value as Buffer | undefined;
    const certificates = findObjects(lib, s, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map((h) => ({
      der: new Uint8Array(lib.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_VALUE }])[0]!.value as Buffer),
      id: lib.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_ID }])[0]?.value as Buffer | undefined,
    }));
    const own = certificates.find((c) => keyId && c.id?.equals(keyId)) ?? certificates[0];
    if (!own) throw new SignerKeyMissingError({ tokenLabel: options.tokenLabel });
    const chain = orderChain([own.der, ...certificates.filter((c) => c !== own).map((c) => c.der)]);
    return {
      certificateChain: async () => chain,
      sign: async (data) => {
        try {
          lib.C_SignInit(s, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
          return new Uint8Array(lib.C_Sign(s, Buffer.from(data), Buffer.alloc(1024)));
        } catch (e) {
          throw tokenError(e);
        }
      },
      close,
    };
  } catch (e) {
    await close();
    throw tokenError(e);
  }
}

function findSlot(lib: Pkcs11Types.PKCS11, label: string | undefined): Pkcs11Types.Handle {
  const slots = lib.C_GetSlotList(true);
  const slot = slots.find((s) => label === undefined || lib.C_GetTokenInfo(s).label.trim() === label);
  if (!slot) throw new SignerTokenAbsentError({ tokenLabel: label });
  return slot;
}

function login(lib: Pkcs11Types.PKCS11, session: Pkcs11Types.Handle, pin: string): void {
  try {
    lib.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (e) {
    if (e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN) return;
    throw e;
  }
}

function findObjects(lib: Pkcs11Types.PKCS11, session: Pkcs11Types.Handle, template: Pkcs11Types.Template): Pkcs11Types.Handle[] {
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, 32);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function tokenError(e: unknown): unknown {
  if (!(e instanceof pkcs11js.Pkcs11Error)) return e;
  switch (e.code) {
    case pkcs11js.CKR_PIN_INCORRECT:
      return new SignerBadPinError();
    case pkcs11js.CKR_PIN_LOCKED:
      return new SignerPinLockedError();
    case pkcs11js.CKR_TOKEN_NOT_PRESENT:
    case pkcs11js.CKR_DEVICE_REMOVED:
    case pkcs11js.CKR_SLOT_ID_INVALID:
      return new SignerTokenAbsentError();
    default:
      return new SignerTokenError(e.message, { code: e.code });
  }
}
