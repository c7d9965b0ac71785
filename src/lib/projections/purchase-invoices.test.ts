/**
 * [PU15] A supplier's invoices received (收票): what they bill of the goods received, what is received but
 * not invoiced yet (已入库未收票), and voiding a wrong one. Amounts are tax included; VAT 13 % where a
 * figure needs it.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll, Ledger } from '../domain/ledger';
import { notInvoiced } from '../domain/sales/receivables';
import { receiptView, receivedNotInvoiced } from './purchasing';

const U = 1000;

function receipt(f: EventFactory, no: number, supplier: string, q: number, amount: number, at = DAY0) {
	return f.make(
		'purchase.receipt.posted',
		{ no, supplier, wh: 'W1', lines: [{ p: 'P1', q, amount, vat: 1300 }] },
		{ at }
	);
}

function invoice(
	f: EventFactory,
	no: number,
	supplier: string,
	receipts: { ref: string; amount: number }[],
	tax: number,
	at = DAY0 + 5
) {
	return f.make(
		'purchase.invoice.recorded',
		{ no, supplier, kind: 'special', number: `3300${1000 + no}`, receipts, tax },
		{ at }
	);
}

const refused = (l: Ledger) => l.rejected().map((r) => [r.event, r.code]);

function pending(l: Ledger) {
	return notInvoiced(
		[...l.documents()],
		'purchase.receipt.posted',
		'purchase.return.posted',
		'purchase.invoice.recorded'
	).map((u) => [u.doc.number, u.billable, u.invoiced, u.rest]);
}

describe('[PU15] supplier invoices received (收票)', () => {
	it('bill receipts in part or in full; returns come off what is left to invoice; the payable never moves', () => {
		const f = new EventFactory();
		// R1: 10 at 11.30 = 113.00 (13.00 VAT). R2: 5 at 22.60 = 113.00. Two of R1 go back: 22.60 off.
		const r1 = receipt(f, 1, 'S1', 10 * U, 11_300);
		const r2 = receipt(f, 2, 'S1', 5 * U, 11_300, DAY0 + 1);
		const back = f.make(
			'purchase.return.posted',
			{ no: 1, receipt: r1.id, lines: [{ line: 0, q: 2 * U }], reason: '质量问题' },
			{ at: DAY0 + 2 }
		);
		// The supplier's invoice covers what R1 kept (90.40) and 50.00 of R2.
		const inv = invoice(
			f,
			1,
			'S1',
			[
				{ ref: r1.id, amount: 9_040 },
				{ ref: r2.id, amount: 5_000 }
			],
			1_622
		);
		const before = deriveAll([r1, r2, back]);
		const l = deriveAll([r1, r2, back, inv]);
		expect(refused(l)).toEqual([]);
		const d = l.document(inv.id)!;
		expect(d).toMatchObject({ number: 'SP-B01-T1-000001', party: 'S1', total: 14_040, tax: 1_622 });
		expect(d.settled).toEqual([
			{ ref: r1.id, amount: 9_040 },
			{ ref: r2.id, amount: 5_000 }
		]);
		// Each receipt's page says so: R1 invoiced by number, R2 with 63.00 to come.
		expect(receiptView(l, r1.id)!.invoicing).toEqual({ invoiceNos: ['33001001'], rest: 0 });
		expect(receiptView(l, r2.id)!.invoicing).toEqual({ invoiceNos: ['33001001'], rest: 6_300 });
		expect(receiptView(before, r2.id)!.invoicing).toEqual({ invoiceNos: [], rest: 11_300 });
		// R1 is fully invoiced; 63.00 of R2 is still to come.
		expect(pending(before)).toEqual([
			['RK-B01-T1-000001', 9_040, 0, 9_040],
			['RK-B01-T1-000002', 11_300, 0, 11_300]
		]);
		expect(pending(l)).toEqual([['RK-B01-T1-000002', 11_300, 5_000, 6_300]]);
		// An invoice moves no money and no stock.
		expect(l.balanceOf('supplier', 'S1')).toBe(before.balanceOf('supplier', 'S1'));
		expect(l.snapshot().stock).toEqual(before.snapshot().stock);
	});

	it('is refused whole for another supplier’s receipt, an unknown one, a sales delivery or tax above its amount', () => {
		const f = new EventFactory();
		const mine = receipt(f, 1, 'S1', U, 1_130);
		const theirs = receipt(f, 2, 'S2', U, 1_130);
		const sold = f.make('sales.delivery.posted', {
			no: 1,
			customer: 'C1',
			wh: 'W1',
			lines: [{ p: 'P1', q: U, amount: 1_500, vat: 1300 }]
		});
		const wrongParty = invoice(
			f,
			1,
			'S1',
			[
				{ ref: mine.id, amount: 1_130 },
				{ ref: theirs.id, amount: 1_130 }
			],
			260
		);
		const unknown = invoice(f, 2, 'S1', [{ ref: 'nope', amount: 100 }], 0);
		const delivery = invoice(f, 3, 'C1', [{ ref: sold.id, amount: 1_500 }], 0);
		const taxed = invoice(f, 4, 'S1', [{ ref: mine.id, amount: 1_130 }], 1_131);
		const l = deriveAll([mine, theirs, sold, wrongParty, unknown, delivery, taxed]);
		expect(refused(l)).toEqual([
			[wrongParty.id, 'wrong-party'],
			[unknown.id, 'unknown-document'],
			[delivery.id, 'unknown-document'],
			[taxed.id, 'bad-tax']
		]);
		expect(pending(l).map(([no]) => no)).toEqual(['RK-B01-T1-000001', 'RK-B01-T1-000002']);
	});

	it('[V6] a wrong one is voided and its receipts wait to be invoiced again; an invoiced receipt is not voidable', () => {
		const f = new EventFactory();
		const r1 = receipt(f, 1, 'S1', 2 * U, 2_260);
		const inv = invoice(f, 1, 'S1', [{ ref: r1.id, amount: 2_260 }], 260);
		const voidReceipt = f.make('document.voided', { ref: r1.id, reason: '录入错误' });
		const l = new Ledger();
		l.add([r1, inv, voidReceipt]);
		// The receipt's void waits for the invoice that bills it.
		expect(refused(l)).toEqual([[voidReceipt.id, 'invalid-transition']]);
		expect(pending(l)).toEqual([]);
		const voidInvoice = f.make('document.voided', { ref: inv.id, reason: '号码录错' });
		l.add([voidInvoice]);
		expect(l.document(inv.id)!.status).toBe('voided');
		// The receipt's void, which sorts later, now takes effect too: nothing left to invoice.
		expect(refused(l)).toEqual([]);
		expect(l.document(r1.id)!.status).toBe('voided');
		expect(pending(l)).toEqual([]);
		expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
		// Without the receipt's void: voiding the invoice puts the receipt back among those to invoice.
		const kept = deriveAll([r1, inv, voidInvoice]);
		expect(pending(kept)).toEqual([['RK-B01-T1-000001', 2_260, 0, 2_260]]);
		expect(receiptView(kept, r1.id)!.invoicing).toEqual({ invoiceNos: [], rest: 2_260 });
		expect(receiptView(l, r1.id)!.invoicing.rest).toBe(0);
	});

	it('every supplier’s list is kept through sales and payments, and read again when anything that bears on it arrives', () => {
		const f = new EventFactory();
		const r1 = receipt(f, 1, 'S1', 10 * U, 11_300);
		const r2 = receipt(f, 2, 'S2', 5 * U, 5_650);
		const l = new Ledger();
		l.add([r1, r2]);
		const first = receivedNotInvoiced(l);
		expect(first.map((x) => [x.supplier, x.rest])).toEqual([
			['S1', 11_300],
			['S2', 5_650]
		]);
		// A sale and a payment: the same list, not read again.
		l.add([
			f.make('sales.counter.posted', {
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: U, amount: 2_000, vat: 1300 }],
				tenders: [{ account: 'CASH', amount: 2_000 }]
			}),
			f.make('payment.made', { no: 1, supplier: 'S1', account: 'BANK', amount: 1_000 })
		]);
		expect(receivedNotInvoiced(l)).toBe(first);
		// A return, an invoice and a void each bring a new reading that says so.
		const back = f.make('purchase.return.posted', { no: 1, receipt: r2.id, lines: [{ line: 0, q: U }] });
		l.add([back]);
		expect(receivedNotInvoiced(l).map((x) => x.rest)).toEqual([11_300, 4_520]);
		const inv = invoice(f, 1, 'S1', [{ ref: r1.id, amount: 11_300 }], 1_300);
		l.add([inv]);
		expect(receivedNotInvoiced(l).map((x) => x.supplier)).toEqual(['S2']);
		l.add([f.make('document.voided', { ref: inv.id, reason: '号码错' })]);
		expect(receivedNotInvoiced(l).map((x) => x.supplier)).toEqual(['S1', 'S2']);
		// Each time as a fresh ledger of the same events reads it.
		expect(receivedNotInvoiced(l)).toEqual(receivedNotInvoiced(deriveAll(l.events)));
	});
});
