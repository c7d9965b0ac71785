/**
 * EAN-13 barcodes as printed on goods sold in China (GS1 China prefixes 690–699).
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

/**
 * A Chinese EAN-13: `69` + a 5-digit company number + a 5-digit item number + the check digit.
 * Company numbers identify the brand owner, so products of one brand share their prefix.
 */
export function chineseEan13(company: number, item: number): string {
	const body = `69${String(company % 100_000).padStart(5, '0')}${String(item % 100_000).padStart(5, '0')}`;
	return body + String(ean13CheckDigit(body));
}
