/**
 * [PU15][Q3] Recording an invoice, a supplier's here (收票): what the clerk typed is checked, the VAT is
 * each receipt's in proportion, and nothing is recorded while anything is wrong.
 */
import { describe, expect, it } from 'vitest';
import type { EventType } from '../domain/catalogue';
import type { RecordCommand } from '../sync/journal';
import { recordPurchaseInvoice, voidBilling } from './invoices';
import { testContext } from './test-context';

const U = 1000;

const receipt = (no: number, supplier: string, amount: number): RecordCommand => ({
	type: 'purchase.receipt.posted',
	user: 'boss',
	branch: 'B01',
	payload: { no, supplier, wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount, vat: 1300 }] }
});

async function books(may?: (type: EventType, branch: string) => boolean) {
	const ctx = await testContext({
		seed: [receipt(1, 'S1', 113_00), receipt(2, 'S1', 56_50), receipt(3, 'S2', 10_00)],
		...(may ? { may } : {})
	});
	const [r1, r2, r3] = ctx.ledger.events.map((e) => e.id) as [string, string, string];
	return { ctx, r1, r2, r3 };
}

describe('[PU15] recording a supplier’s invoice', () => {
	it('bills what was typed on each receipt (blank: left out), with each receipt’s VAT in proportion', async () => {
		const { ctx, r1, r2 } = await books();
		const r = await recordPurchaseInvoice(ctx, {
			supplier: 'S1',
			kind: 'special',
			number: ' 33001234 ',
			documents: [
				{ ref: r1, amount: '113' },
				{ ref: r2, amount: '' }
			]
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const e = ctx.ledger.event(r.value.id)!;
		// 113.00 at 13 %: 13.00 of VAT.
		expect(e.payload).toEqual({
			no: 1,
			supplier: 'S1',
			kind: 'special',
			number: '33001234',
			receipts: [{ ref: r1, amount: 113_00 }],
			tax: 13_00
		});
		expect(r.value.number).toMatch(/^SP-/);
		// Half of R2 on a second invoice: 28.25, of which 3.25 VAT.
		const half = await recordPurchaseInvoice(ctx, {
			supplier: 'S1',
			kind: 'normal',
			number: '33001235',
			documents: [{ ref: r2, amount: '28.25' }]
		});
		expect(half.ok && ctx.ledger.document(half.value.id)).toMatchObject({ total: 28_25, tax: 3_25 });
		// The rest, with the VAT as printed on the invoice (a fen off the proportion).
		const printed = await recordPurchaseInvoice(ctx, {
			supplier: 'S1',
			kind: 'special',
			number: '33001236',
			documents: [{ ref: r2, amount: '28.25' }],
			tax: '3.26'
		});
		expect(printed.ok && ctx.ledger.document(printed.value.id)).toMatchObject({ total: 28_25, tax: 3_26 });
	});

	it('refuses printed VAT it cannot read, below zero or above the invoice’s amount', async () => {
		const { ctx, r1 } = await books();
		const typed = (tax: string) =>
			recordPurchaseInvoice(ctx, {
				supplier: 'S1',
				kind: 'special',
				number: '33001234',
				documents: [{ ref: r1, amount: '113' }],
				tax
			});
		expect(await typed('1.2.3')).toEqual({ ok: false, errors: { tax: { code: 'price' } } });
		expect(await typed('113.01')).toEqual({ ok: false, errors: { tax: { code: 'taxAboveAmount' } } });
		expect(await typed('-1')).toEqual({ ok: false, errors: { tax: { code: 'price' } } });
	});

	it('refuses a missing number, amounts it cannot read, another supplier’s receipt and an empty invoice, recording nothing', async () => {
		const { ctx, r1, r3 } = await books();
		const before = ctx.ledger.events.length;
		expect(
			await recordPurchaseInvoice(ctx, {
				supplier: 'S1',
				kind: 'special',
				number: '  ',
				documents: [
					{ ref: r1, amount: '1.2.3' },
					{ ref: r3, amount: '10' }
				]
			})
		).toEqual({
			ok: false,
			errors: {
				number: { code: 'invoiceNumber' },
				'line.0.amount': { code: 'price' },
				'line.1.amount': { code: 'unknownDocument' }
			}
		});
		expect(
			await recordPurchaseInvoice(ctx, {
				supplier: 'S1',
				kind: 'special',
				number: '33009999',
				documents: [{ ref: r1, amount: '' }]
			})
		).toEqual({ ok: false, errors: { lines: { code: 'nothingInvoiced' } } });
		expect(ctx.ledger.events.length).toBe(before);
	});

	it('is for purchasing and finance: a clerk who may not record one is told, and a manager voids a wrong one', async () => {
		const { ctx, r1 } = await books((type) => type !== 'purchase.invoice.recorded');
		expect(
			await recordPurchaseInvoice(ctx, {
				supplier: 'S1',
				kind: 'special',
				number: '33001234',
				documents: [{ ref: r1, amount: '113' }]
			})
		).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
		const boss = await books();
		const r = await recordPurchaseInvoice(boss.ctx, {
			supplier: 'S1',
			kind: 'special',
			number: '33001234',
			documents: [{ ref: boss.r1, amount: '113' }]
		});
		if (!r.ok) throw new Error('not recorded');
		expect(await voidBilling(boss.ctx, 'purchase', { invoice: r.value.id, reason: '号码录错' })).toEqual({
			ok: true,
			value: null
		});
		expect(boss.ctx.ledger.document(r.value.id)!.status).toBe('voided');
		expect(await voidBilling(boss.ctx, 'purchase', { invoice: r.value.id, reason: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'alreadyVoided' } }
		});
	});
});
