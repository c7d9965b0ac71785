import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { compareEvents } from '../domain/event';
import { deriveAll } from '../domain/ledger';
import { unitPrice } from '../domain/purchasing/orders';
import { masterNames } from './names';
import { priceChanges } from './price-changes';

const U = 1000;

describe('[RP11] prices paid that moved (进价变动)', () => {
	const f = new EventFactory();
	const today = DAY0 + 60;
	const receipt = (
		no: number,
		at: number,
		lines: { p: string; q: number; amount: number }[],
		supplier = 'S1'
	) =>
		f.make(
			'purchase.receipt.posted',
			{ no, supplier, wh: 'W1', lines: lines.map((l) => ({ ...l, vat: 1300 })) },
			{ at }
		);
	const product = (id: string, name: string, retailPrice?: number) =>
		f.make(
			'product.created',
			{ id, fields: { name, unit: '瓶', ...(retailPrice ? { retailPrice } : {}) } },
			{ branch: '' }
		);
	const voided = receipt(9, today - 2, [{ p: 'P2', q: 10 * U, amount: 99_00 }]);
	const events = [
		product('P1', '冰红茶', 3_00),
		product('P2', '矿泉水', 2_00),
		product('P3', '酸奶'),
		product('P4', '面包', 5_00),
		f.make('supplier.created', { id: 'S1', fields: { name: '康师傅经销商' } }, { branch: '' }),
		f.make('supplier.created', { id: 'S2', fields: { name: '华润万家' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
		// P1: ¥1.50 long ago, then ¥1.80 from another supplier within the span: +20 %.
		receipt(1, DAY0, [{ p: 'P1', q: 24 * U, amount: 36_00 }]),
		receipt(2, today - 5, [{ p: 'P1', q: 10 * U, amount: 18_00 }], 'S2'),
		// P2: ¥1.00, then ¥0.90 on two lines of one receipt (5 at ¥4.00 and 5 at ¥5.00); a later receipt
		// at ¥9.90 was voided.
		receipt(3, DAY0 + 1, [{ p: 'P2', q: 10 * U, amount: 10_00 }]),
		receipt(4, today - 10, [
			{ p: 'P2', q: 5 * U, amount: 4_00 },
			{ p: 'P2', q: 5 * U, amount: 5_00 }
		]),
		voided,
		f.make('document.voided', { ref: voided.id }, { at: today - 1 }),
		// P3: the same price twice: no change. P4: bought once, within the span: nothing to compare.
		receipt(5, DAY0 + 2, [{ p: 'P3', q: 3 * U, amount: 4_00 }]),
		receipt(6, today - 3, [{ p: 'P3', q: 6 * U, amount: 8_00 }]),
		receipt(7, today - 1, [{ p: 'P4', q: U, amount: 3_00 }])
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);

	it('each product’s latest price in the span against the one before, rises first, with the retail margin', () => {
		expect(ledger.rejected()).toEqual([]);
		const rows = priceChanges(ledger, names, today);
		expect(
			rows.map((r) => [
				r.name,
				r.supplierName,
				r.before,
				r.price,
				r.changeBp,
				r.marginBeforeBp,
				r.marginNowBp
			])
		).toEqual([
			// ¥3.00 on the shelf: a margin of 50 % at ¥1.50, 40 % at ¥1.80.
			['冰红茶', '华润万家', 1_50, 1_80, 2000, 5000, 4000],
			// P3 at ¥1.333… → ¥1.33 both times: unchanged, not listed.
			['矿泉水', '康师傅经销商', 1_00, 90, -1000, 5000, 5500]
		]);
		expect(rows[0]!.beforeAt).toBe(DAY0);
		// A span that reaches none of them.
		expect(priceChanges(ledger, names, today, 1)).toEqual([]);
		// As of an earlier day, what was known then: P1's rise had not happened.
		expect(priceChanges(ledger, names, today - 6, 30).map((r) => r.product)).toEqual(['P2']);
	});

	it('equals a scan of every receipt (random companies)', () => {
		let rows = 0;
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 3, max: 40 }), (seed, span) => {
				const h = generateHistory(seed, 150);
				const names = masterNames(h.ledger);
				const today = Math.max(...h.events.map((e) => e.at));
				// Every price paid per product, oldest first, from receipts still in force.
				const prices = new Map<string, { at: number; price: number; id: string }[]>();
				for (const e of [...h.ledger.eventsOfType('purchase.receipt.posted')].sort(compareEvents)) {
					const d = h.ledger.document(e.id);
					if (!d || d.status === 'voided' || e.at > today) continue;
					const per = new Map<string, { q: number; amount: number }>();
					for (const l of d.lines) {
						const x = per.get(l.p) ?? { q: 0, amount: 0 };
						per.set(l.p, { q: x.q + l.q, amount: x.amount + l.amount });
					}
					for (const [p, x] of per)
						if (x.q > 0)
							(prices.get(p) ?? prices.set(p, []).get(p)!).push({ at: e.at, price: unitPrice(x), id: e.id });
				}
				const expected = [];
				for (const [p, list] of prices) {
					const now = list[list.length - 1]!;
					const was = list[list.length - 2];
					if (now.at <= today - span || !was || was.price === now.price || was.price === 0) continue;
					expected.push([p, now.id, was.price, now.price]);
				}
				const got = priceChanges(h.ledger, names, today, span).map((r) => [
					r.product,
					r.receipt,
					r.before,
					r.price
				]);
				expect(got.sort()).toEqual(expected.sort());
				rows += got.length;
			}),
			{ numRuns: 60 }
		);
		expect(rows).toBeGreaterThan(10);
	});
});
