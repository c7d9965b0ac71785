import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { generateDemo } from '../demo/generate';
import { deriveAll } from '../domain/ledger';
import { supplierStatementOf } from './purchasing';

describe('[PU12] a supplier statement (应付对账单)', () => {
	it('adds receipts and the opening balance, takes off returns and payments, and skips voided documents', () => {
		const f = new EventFactory();
		const r1 = f.make(
			'purchase.receipt.posted',
			{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 10_000, amount: 50_000, vat: 1300 }] },
			{ at: DAY0 + 3 }
		);
		const r2 = f.make(
			'purchase.receipt.posted',
			{ no: 2, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 2000, amount: 10_000, vat: 1300 }] },
			{ at: DAY0 + 12 }
		);
		const events = [
			f.make('supplier.created', { id: 'S1', fields: { name: '龙井村茶农合作社' } }),
			f.make('supplier.created', { id: 'S2', fields: { name: '别家' } }),
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }),
			f.make('product.created', { id: 'P1', fields: { name: '龙井', unit: '盒' } }),
			f.make('opening.balance', { party: 'supplier', id: 'S1', amount: 20_000 }, { at: DAY0 }),
			f.make('opening.balance', { party: 'supplier', id: 'S2', amount: 99_900 }, { at: DAY0 }),
			r1,
			f.make(
				'purchase.return.posted',
				{ no: 1, receipt: r1.id, lines: [{ line: 0, q: 1000 }], reason: '破损' },
				{ at: DAY0 + 5 }
			),
			f.make('payment.made', { no: 1, supplier: 'S1', account: 'A1', amount: 30_000 }, { at: DAY0 + 10 }),
			r2,
			f.make('document.voided', { ref: r2.id, reason: '录错' }, { at: DAY0 + 13 })
		];
		const ledger = deriveAll(events);
		const s = supplierStatementOf(ledger, 'S1', DAY0 + 2, DAY0 + 20);
		expect(s.opening).toBe(20_000);
		expect(s.rows.map((r) => [r.type, r.debit, r.credit, r.balance])).toEqual([
			['purchase.receipt.posted', 50_000, 0, 70_000],
			['purchase.return.posted', 0, 5000, 65_000],
			['payment.made', 0, 30_000, 35_000]
		]);
		expect([s.debits, s.credits, s.closing]).toEqual([50_000, 35_000, 35_000]);
		expect(s.closing).toBe(ledger.balanceOf('supplier', 'S1'));
	});

	it('closes, through the last day, at what the ledger says the company owes each supplier of the demo', () => {
		const events = [...generateDemo({ size: 'small' })];
		const ledger = deriveAll(events);
		const last = Math.max(...events.map((e) => e.at));
		const suppliers = ledger.records('supplier').map((r) => r.id);
		expect(suppliers.length).toBeGreaterThan(5);
		let moved = 0;
		for (const id of suppliers) {
			const s = supplierStatementOf(ledger, id, last - 59, last);
			expect(s.closing, id).toBe(ledger.balanceOf('supplier', id));
			// The running balance adds up row by row.
			let balance = s.opening;
			for (const r of s.rows) {
				balance += r.debit - r.credit;
				expect(r.balance).toBe(balance);
			}
			moved += s.rows.length;
		}
		expect(moved).toBeGreaterThan(100);
	});
});
