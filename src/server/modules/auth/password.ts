import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { LIMITS } from '../../../shared/limits.js';
import { badRequest } from '../../platform/errors.js';

/** OWASP's argon2id parameters (19 MiB, 2 iterations, 1 lane). */
const ARGON = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * ASVS 5.0 password rules: at least 8 characters, long passphrases welcome, no composition
 * rules, and the most common passwords (about 50,000 of them) refused.
 */
export function checkPassword(password: string, personal: string[] = []): void {
  const length = [...password].length;
  if (length < LIMITS.passwordMin) {
    throw badRequest('PASSWORD_TOO_SHORT', `Use at least ${LIMITS.passwordMin} characters.`);
  }
  if (length > LIMITS.passwordMax) {
    throw badRequest('PASSWORD_TOO_LONG', `Use at most ${LIMITS.passwordMax} characters.`);
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(password)) {
    throw badRequest('PASSWORD_TOO_COMMON', 'This password is too common. Try a phrase of a few unrelated words.');
  }
  if (personal.some((p) => p.length >= 4 && lower === p.toLowerCase())) {
    throw badRequest('PASSWORD_TOO_COMMON', 'Do not use your name or e-mail address as a password.');
  }
}

export const hashPassword = (password: string) => hash(password, ARGON);

/** A fixed hash to verify against when the account does not exist, so timing does not reveal accounts. */
let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash('not-a-real-password-0', ARGON);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
