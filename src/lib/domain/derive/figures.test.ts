import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../demo/generate';
import { deriveAll } from '../ledger';

describe('document figures', () => {
	it('equal the expanded document for every document of the small demo, compact counter sales included', () => {
		const ledger = deriveAll([...generateDemo({ size: 'small' })]);
		const kinds = new Map<string, number>();
		for (const e of ledger.events) {
			const doc = ledger.document(e.id);
			if (!doc) continue;
			const f = ledger.documentFigures(e.id)!;
			expect(f.status, e.id).toBe(doc.status);
			expect([f.total, f.tax, f.cost], e.id).toEqual([doc.total, doc.tax, doc.cost]);
			expect(
				f.lines.map((l) => [l.p, l.q, l.amount]),
				e.id
			).toEqual(doc.lines.map((l) => [l.p, l.q, l.amount]));
			const key = `${e.type} ${doc.status}`;
			kinds.set(key, (kinds.get(key) ?? 0) + 1);
		}
		// The demo has compact walk-in sales, and counter sales that were returned or voided.
		expect(kinds.get('sales.counter.posted posted')).toBeGreaterThan(10_000);
		expect(kinds.get('sales.counter.posted voided') ?? 0).toBeGreaterThan(0);
		expect(ledger.documentFigures('no-such-id')).toBeUndefined();
	});
});
