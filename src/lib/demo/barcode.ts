/**
 * EAN-13 barcodes as printed on goods sold in China (GS1 China prefixes 690–699). The check digit is the
 * domain's (domain/master/ean13.ts), shared with the price tags.
 */
import { ean13CheckDigit } from '../domain/master/ean13';

export { ean13CheckDigit, isValidEan13 } from '../domain/master/ean13';

/**
 * A Chinese EAN-13: `69` + a 5-digit company number + a 5-digit item number + the check digit.
 * Company numbers identify the brand owner, so products of one brand share their prefix.
 */
export function chineseEan13(company: number, item: number): string {
	const body = `69${String(company % 100_000).padStart(5, '0')}${String(item % 100_000).padStart(5, '0')}`;
	return body + String(ean13CheckDigit(body));
}
