/**
 * EAN-13 check digits (GS1 General Specifications §7.9.1): the demo makes valid codes with them, and a
 * price tag draws bars only for a code that passes.
 */

/** The check digit of the first 12 digits: weights 1, 3, 1, 3, … from the left. */
export function ean13CheckDigit(first12: string): number {
	if (!/^\d{12}$/.test(first12)) throw new Error(`EAN-13 needs 12 digits, got "${first12}"`);
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
	return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
	return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === code.charCodeAt(12) - 48;
}
