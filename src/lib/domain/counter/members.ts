/**
 * Finding the customer at the counter (rule K8 in docs/SPEC.md): a member says their phone number, or
 * its last four digits, more often than their name. Digits are matched against the customer's phones
 * (any punctuation ignored) and code; text against name and code. Phones are shown masked, as a
 * receipt in a queue should.
 */

export interface CustomerCard {
	readonly id: string;
	readonly name: string;
	readonly code: string;
	readonly phones: readonly string[];
	readonly tier: 'retail' | 'wholesale' | 'member' | null;
}

export const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** A query of digits only (spaces, dashes and plus signs allowed) with at least four of them. */
function phoneQuery(q: string): string | null {
	if (!/^[\d\s+\-()]+$/.test(q)) return null;
	const d = digitsOf(q);
	return d.length >= 4 ? d : null;
}

/**
 * Customers matching `query`, best first, at most `max`. Digits: a phone equal to them, then a phone
 * ending in them (尾号), then a code equal to them. Text: name or code containing it, any case. Ties keep
 * the order of `cards`. An empty query lists the first `max`.
 */
export function findCustomers(cards: readonly CustomerCard[], query: string, max = 8): CustomerCard[] {
	const q = query.trim();
	if (q === '') return cards.slice(0, max);
	const ranked: { card: CustomerCard; rank: number; i: number }[] = [];
	const digits = phoneQuery(q);
	const lower = q.toLowerCase();
	cards.forEach((card, i) => {
		let rank = -1;
		if (digits !== null) {
			for (const p of card.phones) {
				const d = digitsOf(p);
				if (d === digits) rank = 0;
				else if (rank !== 0 && d.endsWith(digits)) rank = 1;
			}
			if (rank === -1 && card.code === q) rank = 2;
		}
		if (rank === -1 && (card.name.toLowerCase().includes(lower) || card.code.toLowerCase().includes(lower)))
			rank = 3;
		if (rank >= 0) ranked.push({ card, rank, i });
	});
	ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
	return ranked.slice(0, max).map((r) => r.card);
}

/** A phone as the counter shows it: a mobile as 138****5678, anything else with its last four only. */
export function maskPhone(phone: string): string {
	const d = digitsOf(phone);
	if (d.length === 11 && d.startsWith('1')) return `${d.slice(0, 3)}****${d.slice(7)}`;
	return d.length <= 4 ? d : `****${d.slice(-4)}`;
}
