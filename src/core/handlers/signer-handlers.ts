import { resolve } from 'node:path';
import type { EngineHandlers } from '../../shared/contract';
import type { SignerStatus } from '../../shared/types';
import { configuredSigner, unreadableReason } from '../desk/configured-signer';
import { inspectConfiguredCertificate } from '../desk/inspect-configured-certificate';
import type { HeldSigner } from '../desk/signer-session';
import {
  SignerConfiguredFileUnreadableError,
  SignerModuleRefusedError,
  SignerNotConfiguredError,
  SignerOtherFileRefusedError,
} from '../desk/signer-source-errors';
import type { DeskContext } from './desk-context';
import { readablePathsOf } from './handler-context';

type Handlers = Pick<EngineHandlers, 'signer.unlock' | 'signer.unlockToken' | 'signer.status' | 'signer.inspect'>;

/**
 * The certificate unlocked once per sign-in. The desk opens what the administrator configured
 * (Settings › Signing) with only its password or PIN: the engine reads the configured path itself.
 * Another file, where allowed, comes as its bytes; a path given by a caller is the command line's.
 * A token's module is a library loaded into the engine: a signed-in caller may name only the
 * configured one; another is the local operator's (`sohoa dossier return --pkcs11 MODULE`).
 */
export function signerHandlers(ctx: DeskContext): Handlers {
  const { audit } = ctx;
  const status = (held: HeldSigner): SignerStatus => ({ ...held, configured: configuredSigner(ctx.settings) });

  const openP12 = async (input: { p12Path?: string; p12Base64?: string; password: string }) => {
    const configured = configuredSigner(ctx.settings);
    if (input.p12Base64 !== undefined) {
      if (!configured.otherFileAllowed) throw new SignerOtherFileRefusedError();
      return { held: await ctx.signer.unlockP12Bytes(Buffer.from(input.p12Base64, 'base64'), input.password), source: 'chosen' };
    }
    if (input.p12Path !== undefined && input.p12Path !== configured.p12Path) {
      if (!configured.otherFileAllowed) throw new SignerOtherFileRefusedError();
      readablePathsOf(ctx).check(input.p12Path, 'pkcs12');
      return { held: await ctx.signer.unlockP12(input.p12Path, input.password), source: 'path' };
    }
    if (!configured.p12Path) throw new SignerNotConfiguredError('file');
    readablePathsOf(ctx).check(configured.p12Path, 'pkcs12');
    const problem = unreadableReason(configured.p12Path);
    if (problem) throw new SignerConfiguredFileUnreadableError(configured.p12Path, problem);
    return { held: await ctx.signer.unlockP12(configured.p12Path, input.password), source: 'configured' };
  };

  return {
    'signer.unlock': async (input) => {
      const { held, source } = await openP12(input);
      audit.append({ actor: ctx.actor, action: 'signer.unlock', subject: held.subject ?? undefined, details: { kind: 'pkcs12', source } });
      return status(held);
    },

    'signer.unlockToken': async ({ modulePath, tokenLabel, pin }) => {
      const configured = configuredSigner(ctx.settings);
      if (modulePath !== undefined && !isConfiguredModule(modulePath, configured.modulePath) && ctx.caller().kind !== 'system')
        throw new SignerModuleRefusedError(modulePath);
      const module = modulePath ?? configured.modulePath;
      if (!module) throw new SignerNotConfiguredError('pkcs11');
      const label = modulePath === undefined ? (tokenLabel ?? configured.tokenLabel ?? undefined) : tokenLabel;
      readablePathsOf(ctx).check(module, 'pkcs11-module');
      const held = await ctx.signer.unlockToken({ modulePath: module, tokenLabel: label, pin });
      audit.append({
        actor: ctx.actor,
        action: 'signer.unlock',
        subject: held.subject ?? undefined,
        details: { kind: 'pkcs11', tokenLabel: label, source: modulePath === undefined ? 'configured' : 'path' },
      });
      return status(held);
    },

    'signer.status': () => status(ctx.signer.status()),

    'signer.inspect': async ({ secret }) => {
      const configured = configuredSigner(ctx.settings);
      const path = configured.source === 'pkcs11' ? configured.modulePath : configured.p12Path;
      if (path) readablePathsOf(ctx).check(path, configured.source === 'pkcs11' ? 'pkcs11-module' : 'pkcs12');
      const certificate = await inspectConfiguredCertificate(configured, secret);
      audit.append({ actor: ctx.actor, action: 'signer.inspect', subject: certificate.commonName, details: { kind: configured.source } });
      return certificate;
    },
  };
}

function isConfiguredModule(modulePath: string, configured: string | null): boolean {
  return configured !== null && resolve(modulePath) === resolve(configured);
}
