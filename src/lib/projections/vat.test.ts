import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { vatEstimate } from './vat';

const U = 1000;

describe('[PU16] the month’s VAT, estimated', () => {
	const f = new EventFactory();
	// Two receipts at 13 %: 113.00 (13.00 VAT) and 226.00 (26.00 VAT).
	const r1 = f.make('purchase.receipt.posted', {
		no: 1,
		supplier: 'S1',
		wh: 'W1',
		lines: [{ p: 'P1', q: 10 * U, amount: 113_00, vat: 1300 }]
	});
	const r2 = f.make('purchase.receipt.posted', {
		no: 2,
		supplier: 'S1',
		wh: 'W1',
		lines: [{ p: 'P1', q: 20 * U, amount: 226_00, vat: 1300 }]
	});
	// Sold 5 for 56.50 at the till: 6.50 of output VAT; a sale the day before the span does not count.
	const sale = (no: number, at: number) =>
		f.make(
			'sales.counter.posted',
			{
				no,
				wh: 'W1',
				lines: [{ p: 'P1', q: 5 * U, amount: 56_50, vat: 1300 }],
				tenders: [{ account: 'CASH', amount: 56_50 }]
			},
			{ at }
		);
	const invoice = (no: number, kind: 'special' | 'normal', amount: number, tax: number, ref = r1.id) =>
		f.make(
			'purchase.invoice.recorded',
			{ no, supplier: 'S1', kind, number: `3300000${no}`, receipts: [{ ref, amount }], tax },
			{ at: DAY0 + 2 }
		);
	// The special invoice for r1 (13.00 deductible); an ordinary one for half of r2 (not deductible);
	// a special one for the rest of r2, voided (its number was wrong).
	const special = invoice(1, 'special', 113_00, 13_00);
	const ordinary = invoice(2, 'normal', 113_00, 13_00, r2.id);
	const wrong = invoice(3, 'special', 113_00, 13_00, r2.id);
	const undo = f.make('document.voided', { ref: wrong.id, reason: '号码错' }, { at: DAY0 + 2 });
	const events = [r1, r2, sale(1, DAY0 - 1), sale(2, DAY0 + 1), special, ordinary, wrong, undo];

	it('takes the special invoices in force off the output VAT of the span’s sales, and counts what waits', () => {
		const l = deriveAll(events);
		expect(vatEstimate(l, masterNames(l), DAY0, DAY0 + 30)).toEqual({
			from: DAY0,
			to: DAY0 + 30,
			output: 6_50,
			input: 13_00,
			payable: -6_50,
			// Half of r2 still waits for its invoice: 13.00 of VAT.
			waiting: 13_00
		});
		// A company that never recorded a supplier's invoice: all of it waits.
		const none = deriveAll(events.slice(0, 4));
		expect(vatEstimate(none, masterNames(none), DAY0, DAY0 + 30)).toMatchObject({ input: 0, waiting: 39_00 });
		// Before the invoices came: all the VAT of the goods received waits.
		const early = vatEstimate(l, masterNames(l), DAY0, DAY0 + 1)!;
		expect([early.output, early.input, early.payable]).toEqual([6_50, 0, 6_50]);
	});

	it('is none for a small-scale taxpayer, whose purchases carry no deductible VAT', () => {
		const small = f.make(
			'settings.updated',
			{ fields: { vatDeductible: false } },
			{ branch: '', at: DAY0 - 10 }
		);
		const l = deriveAll([small, ...events]);
		expect(vatEstimate(l, masterNames(l), DAY0, DAY0 + 30)).toBeNull();
	});
});
