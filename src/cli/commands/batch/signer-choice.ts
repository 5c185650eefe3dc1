import { resolve } from 'node:path';
import { UsageError } from '../../command';
import type { ContractCall } from '../../contract-call';

/** A signer named outside a window: a .p12 file and its password, or a PKCS#11 token and its PIN. */
export type SignerChoice =
  { kind: 'p12'; path: string; password: string } | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string; pin: string };

/** The signer named on the command line, its password or PIN read from the variable named (never from an argument). */
export function signerChoice(
  values: { p12?: string; 'pass-env'?: string; pkcs11?: string; 'token-label'?: string; 'pin-env'?: string },
  env: NodeJS.ProcessEnv,
): SignerChoice {
  if (values.p12 !== undefined && values.pkcs11 !== undefined) throw new UsageError('give --p12 or --pkcs11, not both');
  const secret = (name: string | undefined, flag: string, what: string) => {
    if (name === undefined)
      throw new UsageError(`${flag} needs ${flag === '--p12' ? '--pass-env' : '--pin-env'} VAR naming the variable that holds the ${what}`);
    const value = env[name];
    if (value === undefined) throw new UsageError(`the variable ${name} is not set`);
    return value;
  };
  if (values.p12 !== undefined) return { kind: 'p12', path: values.p12, password: secret(values['pass-env'], '--p12', 'password') };
  if (values.pkcs11 !== undefined)
    return {
      kind: 'pkcs11',
      modulePath: values.pkcs11,
      tokenLabel: values['token-label'],
      pin: secret(values['pin-env'], '--pkcs11', 'PIN'),
    };
  throw new UsageError('--sign needs --p12 FILE --pass-env VAR, or --pkcs11 MODULE --pin-env VAR');
}

/**
 * Unlocks the signer for this engine's run with the contract's `signer.unlock` / `signer.unlockToken`,
 * audited as the desk's; returns the certificate's subject. The engine takes absolute paths only.
 */
export async function unlockSigner(call: ContractCall, choice: SignerChoice): Promise<string | null> {
  const status =
    choice.kind === 'p12'
      ? await call('signer.unlock', { p12Path: resolve(choice.path), password: choice.password })
      : await call('signer.unlockToken', { modulePath: resolve(choice.modulePath), tokenLabel: choice.tokenLabel, pin: choice.pin });
  return status.subject;
}
