/** Taking the money at the counter (K2): change, mixed tenders, exact fen. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashSuggestions, overCreditLimit, settle, stillDue, type TenderEntry } from './tender';

const cash = (amount: number, account = 'CASH'): TenderEntry => ({ account, kind: 'cash', amount });
const wechat = (amount: number): TenderEntry => ({ account: 'WECHAT', kind: 'wechat', amount });
const alipay = (amount: number): TenderEntry => ({ account: 'ALIPAY', kind: 'alipay', amount });
const card = (amount: number): TenderEntry => ({ account: 'CARD', kind: 'card', amount });

describe('settle', () => {
	it('[K2] overpaying in cash gives the difference back as change, to the fen', () => {
		// 45.30 due, a 50 note: 4.70 back.
		expect(settle(4_530, [cash(5_000)])).toEqual({
			ok: true,
			total: 4_530,
			paid: 5_000,
			change: 470,
			onAccount: 0,
			tenders: [{ account: 'CASH', amount: 5_000 }]
		});
	});

	it('[K2] exact payment by transfer gives no change', () => {
		expect(settle(4_530, [wechat(4_530)])).toMatchObject({ ok: true, change: 0, onAccount: 0 });
	});

	it('[K2] a non-cash tender never gives change: above what is due it is refused', () => {
		expect(settle(4_530, [wechat(5_000)])).toEqual({ ok: false, code: 'non-cash-over', over: 470 });
		expect(settle(4_530, [card(3_000), alipay(2_000)])).toEqual({
			ok: false,
			code: 'non-cash-over',
			over: 470
		});
	});

	it('[K2] mixed: transfer part exact, cash covers the rest and gives change; cash goes first', () => {
		// 88.00: 44.00 by WeChat, a 50 note for the other 44.00 → 6.00 change.
		const r = settle(8_800, [wechat(4_400), cash(5_000)]);
		expect(r).toEqual({
			ok: true,
			total: 8_800,
			paid: 9_400,
			change: 600,
			onAccount: 0,
			tenders: [
				{ account: 'CASH', amount: 5_000 },
				{ account: 'WECHAT', amount: 4_400 }
			]
		});
	});

	it('[K2] half cash, half transfer, exact', () => {
		expect(settle(9_999, [cash(5_000), alipay(4_999)])).toMatchObject({ ok: true, change: 0, paid: 9_999 });
	});

	it('[K2] amounts of one account are merged; empty tenders are dropped', () => {
		const r = settle(1_000, [cash(500), wechat(0), cash(700)]);
		expect(r).toMatchObject({ ok: true, change: 200, tenders: [{ account: 'CASH', amount: 1_200 }] });
	});

	it('[K2] a walk-in must pay in full; a named customer may leave the rest on account', () => {
		expect(settle(1_000, [cash(900)])).toEqual({ ok: false, code: 'underpaid', short: 100 });
		expect(settle(1_000, [cash(900)], { onAccount: true })).toMatchObject({
			ok: true,
			change: 0,
			onAccount: 100
		});
	});

	it('[K2] nothing paid, negative or fractional amounts are refused', () => {
		expect(settle(1_000, [])).toEqual({ ok: false, code: 'nothing-paid' });
		expect(settle(1_000, [cash(0)])).toEqual({ ok: false, code: 'nothing-paid' });
		expect(settle(1_000, [cash(-1)])).toEqual({ ok: false, code: 'bad-amount' });
		expect(settle(1_000, [cash(0.5)])).toEqual({ ok: false, code: 'bad-amount' });
	});

	it('[K2] property: what the tenders bring in, less change, plus what goes on account, is the total', () => {
		const entry = fc.record({
			account: fc.constantFrom('CASH', 'CASH2', 'WECHAT', 'ALIPAY', 'CARD'),
			amount: fc.integer({ min: 0, max: 100_000 })
		});
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 200_000 }),
				fc.array(entry, { maxLength: 6 }),
				fc.boolean(),
				(total, raw, credit) => {
					const entries: TenderEntry[] = raw.map((e) => ({
						...e,
						kind: e.account.startsWith('CASH') ? 'cash' : e.account === 'WECHAT' ? 'wechat' : 'card'
					}));
					const r = settle(total, entries, { onAccount: credit });
					const cashIn = entries.filter((e) => e.kind === 'cash').reduce((s, e) => s + e.amount, 0);
					if (!r.ok) return;
					const brought = r.tenders.reduce((s, t) => s + t.amount, 0);
					expect(brought - r.change + r.onAccount).toBe(total);
					// Change only ever comes out of cash, and from the first tender (a cash one).
					expect(r.change).toBeLessThanOrEqual(cashIn);
					if (r.change > 0) expect(r.tenders[0]!.account.startsWith('CASH')).toBe(true);
					expect(r.change === 0 || r.onAccount === 0).toBe(true);
					if (!credit) expect(r.onAccount).toBe(0);
				}
			)
		);
	});
});

describe('cash helpers', () => {
	it('[K2] still due after the tenders so far', () => {
		expect(stillDue(8_800, [wechat(4_400)])).toBe(4_400);
		expect(stillDue(8_800, [wechat(4_400), cash(5_000)])).toBe(0);
	});

	it('[K2] quick cash: the exact sum, then round notes above it', () => {
		expect(cashSuggestions(4_530)).toEqual([4_530, 5_000, 6_000, 10_000]);
		expect(cashSuggestions(5_000)).toEqual([5_000, 6_000, 10_000]);
		expect(cashSuggestions(0)).toEqual([]);
	});
});

describe('[K9] credit limit at the counter', () => {
	it('is exceeded only by what is left owing above the limit', () => {
		expect(overCreditLimit(800_00, 1000_00, 150_00)).toBe(0);
		expect(overCreditLimit(800_00, 1000_00, 200_00)).toBe(0); // exactly at the limit
		expect(overCreditLimit(800_00, 1000_00, 250_00)).toBe(50_00);
		expect(overCreditLimit(-300_00, 1000_00, 1200_00)).toBe(0); // credit in hand absorbs it first
		expect(overCreditLimit(1500_00, 1000_00, 0)).toBe(0); // paid in full: nothing new owed
		expect(overCreditLimit(1500_00, undefined, 100_00)).toBe(0); // no limit set
		expect(overCreditLimit(0, 0, 1)).toBe(1); // a limit of 0: nothing on account
	});
});
