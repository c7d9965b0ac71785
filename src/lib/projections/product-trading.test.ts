import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory, PRODUCTS } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { dayFromIso } from '../domain/dates';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { productTrading, RECEIPTS_SHOWN } from './product-trading';
import { monthsOf } from './profit';
import { tradeSummary } from './trade-summary';

const U = 1000;

describe('[RP9] a product’s trading (经营情况)', () => {
	const f = new EventFactory();
	const FEB = dayFromIso('2026-02-10')!;
	const today = dayFromIso('2026-03-05')!;
	const receipt = (no: number, at: number, q: number, amount: number) =>
		f.make(
			'purchase.receipt.posted',
			{ no, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q, amount, vat: 1300 }] },
			{ at }
		);
	const sale = (no: number, at: number, q: number, amount: number, extra = 0) =>
		f.make(
			'sales.counter.posted',
			{
				no,
				wh: 'W1',
				lines: [
					{ p: 'P1', q, amount, vat: 1300 },
					...(extra ? [{ p: 'P2', q: U, amount: extra, vat: 1300 }] : [])
				],
				tenders: [{ account: 'CASH', amount: amount + extra }]
			},
			{ at }
		);
	const jan = sale(1, DAY0 + 3, 10 * U, 30_00, 5_00);
	const feb = sale(2, FEB, 4 * U, 12_00);
	const mar = sale(3, today - 1, 6 * U, 18_00);
	const events = [
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶' } }, { branch: '' }),
		f.make('product.created', { id: 'P2', fields: { name: '矿泉水', unit: '瓶' } }, { branch: '' }),
		f.make('supplier.created', { id: 'S1', fields: { name: '康师傅经销商' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
		// 24 bottles for ¥36.00 (¥1.50 each), then 3 for ¥4.00 (¥1.333… → ¥1.33).
		receipt(1, DAY0, 24 * U, 36_00),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P2', q: 10 * U, value: 3_00 }] },
			{ at: DAY0 - 1 }
		),
		jan,
		receipt(2, FEB - 1, 3 * U, 4_00),
		feb,
		// One of February's bottles comes back and goes back on the shelf.
		f.make(
			'sales.return.posted',
			{ no: 1, delivery: feb.id, lines: [{ line: 0, q: U, restock: true }] },
			{ at: FEB + 2 }
		),
		mar
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);

	it('month by month, as the sales summary counts it, with its cover and last prices', () => {
		expect(ledger.rejected()).toEqual([]);
		const r = productTrading(ledger, names, 'P1', today);
		expect(r.months.map((m) => m.month)).toEqual([
			'2025-04',
			'2025-05',
			'2025-06',
			'2025-07',
			'2025-08',
			'2025-09',
			'2025-10',
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03'
		]);
		const [janM, febM, marM] = r.months.slice(9);
		// January: 10 bottles for ¥30.00, at cost 10/24 of ¥36.00 less its VAT (¥4.14): ¥13.275 → ¥13.28.
		expect([janM!.qty, janM!.net, janM!.cost, janM!.docs]).toEqual([10 * U, 30_00, 13_28, 1]);
		// February: 4 sold, 1 back: 3 bottles, ¥9.00 net; the cost of the one restocked comes off.
		expect([febM!.qty, febM!.amount, febM!.returns, febM!.net]).toEqual([3 * U, 12_00, 3_00, 9_00]);
		expect(febM!.cost).toBe(
			ledger.documentFigures(feb.id)!.cost - ledger.document(events[9]!.id)!.lines[0]!.cost
		);
		expect([marM!.qty, marM!.net]).toEqual([6 * U, 18_00]);
		// The last 30 days (from 4 February) hold February's sale and return and March's sale: 9 bottles.
		expect(r.recent.qty).toBe(9 * U);
		expect(r.perDay).toBe(300);
		// 24 + 3 − 10 − 4 + 1 − 6 = 8 available: 8 × 30 ÷ 9 = 26.7 → 26 days.
		expect(r.available).toBe(8 * U);
		expect(r.coverDays).toBe(26);
		expect(r.receipts.map((x) => [x.at, x.qty, x.amount, x.unitPrice, x.supplierName])).toEqual([
			[FEB - 1, 3 * U, 4_00, 1_33, '康师傅经销商'],
			[DAY0, 24 * U, 36_00, 1_50, '康师傅经销商']
		]);
		// A product that never sold has no cover to speak of.
		const p2 = productTrading(ledger, names, 'P2', today);
		expect(p2.months[9]!.qty).toBe(U);
		expect(p2.coverDays).toBeNull();
		expect(p2.receipts).toEqual([]);
	});

	it('a voided sale counts nowhere', () => {
		const voided = deriveAll([...events, f.make('document.voided', { ref: mar.id }, { at: today })]);
		const r = productTrading(voided, masterNames(voided), 'P1', today);
		expect(r.months[11]!).toMatchObject({ qty: 0, amount: 0, docs: 0 });
		expect(r.recent.qty).toBe(3 * U);
		// The 6 bottles are back on the shelf: 14 × 30 ÷ 3 = 140 days.
		expect(r.coverDays).toBe(140);
	});

	it('agrees with the sales summary for every product and month (random companies)', () => {
		let compared = 0;
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
				const h = generateHistory(seed, 150);
				const names = masterNames(h.ledger);
				const today = Math.max(...h.events.map((e) => e.at));
				for (const p of PRODUCTS) {
					const r = productTrading(h.ledger, names, p, today);
					const spans = [
						...monthsOf(dayFromIso(`${r.months[0]!.month}-01`)!, today).map((m, k) => ({
							got: r.months[k]!,
							from: m.from,
							to: m.to
						})),
						{ got: r.recent, from: today - 29, to: today }
					];
					for (const { got, from, to } of spans) {
						const row = tradeSummary(h.ledger, names, 'sales', from, to, 'product').rows.find(
							(x) => x.key === p
						);
						const { qty, amount, returns, net, tax, cost, gross, marginBp, docs } = got;
						expect({ qty, amount, returns, net, tax, cost, gross, marginBp, docs }).toEqual(
							row
								? {
										qty: row.qty,
										amount: row.amount,
										returns: row.returns,
										net: row.net,
										tax: row.tax,
										cost: row.cost,
										gross: row.gross,
										marginBp: row.marginBp,
										docs: row.docs
									}
								: {
										qty: 0,
										amount: 0,
										returns: 0,
										net: 0,
										tax: 0,
										cost: 0,
										gross: 0,
										marginBp: null,
										docs: 0
									}
						);
						if (row) compared++;
					}
					let available = 0;
					for (const s of h.ledger.stockOfProduct(p)) available += s.available;
					expect(r.available).toBe(available);
					expect(r.receipts.length).toBeLessThanOrEqual(RECEIPTS_SHOWN);
					for (const x of r.receipts) {
						const d = h.ledger.document(x.id)!;
						expect(d.type).toBe('purchase.receipt.posted');
						expect(d.status).not.toBe('voided');
						expect(x.qty).toBe(d.lines.filter((l) => l.p === p).reduce((s, l) => s + l.q, 0));
					}
				}
			}),
			{ numRuns: 25 }
		);
		expect(compared).toBeGreaterThan(100);
	});
});
