/**
 * Password hashing with scrypt (node:crypto), OWASP parameters by default: N = 2^17, r = 8, p = 1.
 * The stored string carries its parameters (`scrypt$17$8$1$salt$hash`), so a hash made at a lower cost
 * (tests) still verifies, and `needsRehash` tells login to upgrade it.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_LEN, options, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

const options = (log2N: number, r: number, p: number): ScryptOptions => ({
	N: 2 ** log2N,
	r,
	p,
	// scrypt needs 128·N·r bytes; leave headroom above that.
	maxmem: 256 * 2 ** log2N * r + 1024 * 1024
});

export async function hashPassword(password: string, log2N: number): Promise<string> {
	const salt = randomBytes(16);
	const key = await scryptAsync(password, salt, options(log2N, 8, 1));
	return `scrypt$${log2N}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [log2N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
	if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0 && n < 32)) return false;
	const salt = Buffer.from(parts[4]!, 'base64url');
	const expected = Buffer.from(parts[5]!, 'base64url');
	const key = await scryptAsync(password, salt, options(log2N, r, p));
	return key.length === expected.length && timingSafeEqual(key, expected);
}

export function needsRehash(stored: string, log2N: number): boolean {
	const parts = stored.split('$');
	return parts[0] !== 'scrypt' || Number(parts[1]) < log2N;
}

/** Minimum policy (ASVS 2.1.1): at least 8 characters; no composition rules. */
export function passwordProblem(password: unknown): string | null {
	if (typeof password !== 'string') return 'password must be a string';
	if ([...password].length < 8) return 'password must have at least 8 characters';
	if (password.length > 128) return 'password must have at most 128 characters';
	return null;
}

export function generatePassword(): string {
	return randomBytes(12).toString('base64url');
}
