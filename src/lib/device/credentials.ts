/**
 * Offline unlock: a device that signed in before can open its local data without the relay, by the same
 * password checked against a salted PBKDF2 verifier kept on the device. The password itself is never
 * stored; the verifier is useless without a brute-force search, which the iteration count slows down
 * (OWASP's figure for PBKDF2-HMAC-SHA256).
 */
export interface Verifier {
	readonly algorithm: 'PBKDF2-SHA256';
	readonly iterations: number;
	/** base64 */
	readonly salt: string;
	/** base64 of the 256-bit derived key */
	readonly hash: string;
}

export const PBKDF2_ITERATIONS = 600_000;

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

/** The secret is bound to its account, so one verifier cannot be replayed for another. */
const bind = (account: string, password: string) => `${account}\u0000${password}`;

export async function makeVerifier(account: string, password: string): Promise<Verifier> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const hash = await derive(bind(account, password), salt, PBKDF2_ITERATIONS);
	return {
		algorithm: 'PBKDF2-SHA256',
		iterations: PBKDF2_ITERATIONS,
		salt: toBase64(salt),
		hash: toBase64(hash)
	};
}

export async function checkVerifier(verifier: Verifier, account: string, password: string): Promise<boolean> {
	const hash = await derive(bind(account, password), fromBase64(verifier.salt), verifier.iterations);
	const expected = fromBase64(verifier.hash);
	if (hash.length !== expected.length) return false;
	// Constant time: the comparison does not stop at the first differing byte.
	let diff = 0;
	for (let i = 0; i < hash.length; i++) diff |= hash[i]! ^ expected[i]!;
	return diff === 0;
}
