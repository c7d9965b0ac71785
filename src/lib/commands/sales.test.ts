/**
 * The order-based sales flow through the commands, on a real journal and ledger: quotation → order that
 * needs approval → approval → partial delivery → the rest → return of one unit → invoice → receipt.
 */
import { describe, expect, it } from 'vitest';
import { dayFromWall } from '../domain/dates';
import { uninvoiced } from '../domain/sales/receivables';
import type { CommandContext } from './context';
import { testContext } from './test-context';
import {
	convertQuote,
	decideOrder,
	placeQuote,
	placeSalesOrder,
	resubmitSalesOrder,
	voidOrder
} from './sales';
import { deliverOrder, receivePayment, recordInvoice, returnDelivery, voidInvoice } from './sales-fulfilment';

async function shop(): Promise<CommandContext> {
	return testContext({
		seed: [
			{ type: 'branch.created', user: 'boss', payload: { id: 'B01', fields: { name: 'Shop' } } },
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W1', fields: { name: 'Main', branch: 'B01' } }
			},
			{
				type: 'account.created',
				user: 'boss',
				payload: { id: 'A1', fields: { name: 'Bank', kind: 'bank' } }
			},
			{ type: 'settings.updated', user: 'boss', payload: { fields: { soDiscountLimitBp: 1000 } } },
			{
				type: 'customer.created',
				user: 'boss',
				payload: {
					id: 'C1',
					fields: { name: 'Hotel', tier: 'wholesale', discountBp: 500, creditLimit: 100_000 }
				}
			},
			{
				type: 'product.created',
				user: 'boss',
				payload: {
					id: 'P1',
					fields: {
						name: 'Kettle',
						unit: 'pc',
						retailPrice: 12_000,
						wholesalePrice: 10_000,
						vat: 1300,
						batchTracked: true
					}
				}
			},
			{
				type: 'opening.stock',
				user: 'boss',
				branch: 'B01',
				payload: {
					wh: 'W1',
					lines: [
						{ p: 'P1', q: 6000, value: 36_000, batch: 'L-LATE', expiry: dayFromWall(Date.now()) + 300 },
						{ p: 'P1', q: 4000, value: 24_000, batch: 'L-SOON', expiry: dayFromWall(Date.now()) + 30 }
					]
				}
			}
		]
	});
}

/** A sales order for customer C1 from W1 of one P1 line, placed (its value; throws if it was not). */
async function placed(ctx: CommandContext, q: string, price: string) {
	const r = await placeSalesOrder(ctx, {
		customer: 'C1',
		wh: 'W1',
		note: '',
		lines: [{ p: 'P1', q, price, vat: 1300 }]
	});
	if (!r.ok) throw new Error('not placed');
	return r.value;
}

describe('sales commands', () => {
	it('[SA1][SD1][SD2][T11][Q3][Q4][F2] quotation to receipt', async () => {
		const ctx = await shop();
		const l = ctx.ledger;
		// A quotation at 80.00 a kettle: 20 % off the 100.00 wholesale price, beyond the 10 % limit.
		const q = await placeQuote(ctx, {
			customer: 'C1',
			wh: 'W1',
			valid: dayFromWall(Date.now()) + 7,
			note: '含运费',
			lines: [{ p: 'P1', q: '5', price: '80', vat: 1300 }]
		});
		expect(q.ok).toBe(true);
		if (!q.ok) return;
		const o = await convertQuote(ctx, q.value.id);
		expect(o.ok).toBe(true);
		if (!o.ok) return;
		// The order keeps the quotation's terms.
		expect(l.event(o.value.id)!.payload).toMatchObject({ note: '含运费', quote: q.value.id });
		expect(o.value.checks).toEqual([{ code: 'discount', line: 0, value: 2000, limit: 1000 }]);
		expect(l.document(o.value.id)).toMatchObject({ status: 'pending', total: 40_000 });
		expect(l.document(q.value.id)!.status).toBe('closed');
		expect((await convertQuote(ctx, q.value.id)).ok).toBe(false);

		expect((await decideOrder(ctx, { order: o.value.id, approve: true, comment: 'old customer' })).ok).toBe(
			true
		);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 10_000, reserved: 5000 });

		// Delivering more than is ordered is refused with the line's maximum; the form keeps the input.
		const tooMany = await deliverOrder(ctx, {
			order: o.value.id,
			wh: 'W1',
			quantities: ['6'],
			carrier: '',
			tracking: ''
		});
		expect(tooMany).toEqual({
			ok: false,
			errors: { 'line.0.q': { code: 'tooMany', params: { max: 5000 } } }
		});

		const d1 = await deliverOrder(ctx, {
			order: o.value.id,
			wh: 'W1',
			quantities: ['2'],
			carrier: 'SF',
			tracking: 'SF123'
		});
		expect(d1.ok).toBe(true);
		if (!d1.ok) return;
		expect(l.document(o.value.id)!.status).toBe('partial');
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 8000, reserved: 3000 });
		// First expiry first: the two kettles came from L-SOON.
		expect(l.document(d1.value.id)!.lines.map((x) => [x.batch, x.q])).toEqual([['L-SOON', 2000]]);

		const d2 = await deliverOrder(ctx, {
			order: o.value.id,
			wh: 'W1',
			quantities: ['3'],
			carrier: '',
			tracking: ''
		});
		expect(d2.ok).toBe(true);
		if (!d2.ok) return;
		expect(l.document(d2.value.id)!.lines.map((x) => [x.batch, x.q, x.amount])).toEqual([
			['L-SOON', 2000, 16_000],
			['L-LATE', 1000, 8000]
		]);
		expect(l.document(o.value.id)!.status).toBe('complete');
		expect(l.balanceOf('customer', 'C1')).toBe(40_000);
		// Cost of goods sold 5 × 60.00; revenue net of VAT 400.00 / 1.13 = 353.98.
		const cogs = l.document(d1.value.id)!.cost + l.document(d2.value.id)!.cost;
		expect(cogs).toBe(30_000);

		const ret = await returnDelivery(ctx, {
			delivery: d2.value.id,
			quantities: ['0', '1'],
			restock: true,
			reason: 'dented'
		});
		expect(ret.ok).toBe(true);
		expect(l.balanceOf('customer', 'C1')).toBe(32_000);
		expect(l.stockOf('P1', 'W1').onHand).toBe(6000);

		const docs = [...l.documents()].filter((d) => d.party === 'C1');
		expect(uninvoiced(docs).map((u) => u.rest)).toEqual([16_000, 16_000]);
		const inv = await recordInvoice(ctx, {
			customer: 'C1',
			kind: 'special',
			number: '04400001',
			deliveries: [
				{ ref: d1.value.id, amount: '160' },
				{ ref: d2.value.id, amount: '160' }
			]
		});
		expect(inv.ok).toBe(true);
		if (!inv.ok) return;
		// 13 % VAT is taken from each delivery in proportion: 18.41 + 18.41.
		expect(l.document(inv.value.id)).toMatchObject({ total: 32_000, tax: 3682 });
		expect(uninvoiced([...l.documents()].filter((d) => d.party === 'C1'))).toEqual([]);

		const bad = await receivePayment(ctx, {
			customer: 'C1',
			account: 'A1',
			amount: '100',
			allocations: [{ ref: d1.value.id, amount: '200' }],
			note: ''
		});
		expect(bad).toEqual({ ok: false, errors: { 'line.0.amount': { code: 'moreThanOpen' } } });
		const pay = await receivePayment(ctx, {
			customer: 'C1',
			account: 'A1',
			amount: '320',
			allocations: [
				{ ref: d1.value.id, amount: '160' },
				{ ref: d2.value.id, amount: '160' }
			],
			note: ''
		});
		expect(pay.ok).toBe(true);
		expect(l.balanceOf('customer', 'C1')).toBe(0);
		expect(l.rejected()).toEqual([]);
	});

	it('a rejected form keeps nothing recorded and says why, per field', async () => {
		const ctx = await shop();
		const before = ctx.ledger.size;
		const r = await placeSalesOrder(ctx, {
			customer: '',
			wh: 'W1',
			note: '',
			lines: [{ p: 'P1', q: 'abc', price: '-1', vat: 1300 }]
		});
		expect(r).toEqual({
			ok: false,
			errors: {
				customer: { code: 'customerRequired' },
				'line.0.q': { code: 'qty' },
				'line.0.price': { code: 'price' }
			}
		});
		expect(ctx.ledger.size).toBe(before);
	});

	it('[SA1] an order within limits is approved at once and reserves', async () => {
		const ctx = await shop();
		const r = await placeSalesOrder(ctx, {
			customer: 'C1',
			wh: 'W1',
			note: '',
			lines: [{ p: 'P1', q: '1', price: '95', vat: 1300 }]
		});
		expect(r.ok && r.value.checks).toEqual([]);
		expect(ctx.ledger.stockOf('P1', 'W1').reserved).toBe(1000);
	});

	it('[V1] voiding an undelivered order releases its reservation; a delivered one cannot be voided', async () => {
		const ctx = await shop();
		const r = await placed(ctx, '2', '95');
		expect(ctx.ledger.stockOf('P1', 'W1').reserved).toBe(2000);
		expect((await voidOrder(ctx, { order: r.id, reason: 'customer cancelled' })).ok).toBe(true);
		expect(ctx.ledger.document(r.id)!.status).toBe('voided');
		expect(ctx.ledger.stockOf('P1', 'W1').reserved).toBe(0);

		const o = await placed(ctx, '2', '95');
		await deliverOrder(ctx, { order: o.id, wh: 'W1', quantities: ['1'], carrier: '', tracking: '' });
		expect(await voidOrder(ctx, { order: o.id, reason: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'notVoidable' } }
		});
	});

	it('[SA1] a manager-only decision: a clerk without the role is told so and nothing is recorded', async () => {
		const ctx = await shop();
		const r = await placed(ctx, '1', '50');
		expect(r.checks.map((c) => c.code)).toEqual(['discount', 'below-cost']);
		const clerk = {
			...ctx,
			may: (type: string) => type !== 'sales.order.approved' && type !== 'sales.order.rejected'
		};
		const before = ctx.ledger.size;
		expect(await decideOrder(clerk, { order: r.id, approve: true, comment: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'notManager' } }
		});
		expect(ctx.ledger.size).toBe(before);
	});

	it('[T3][SA1] a rejected order is amended and resubmitted: approved at once when nothing needs approval', async () => {
		const ctx = await shop();
		const l = ctx.ledger;
		const r = await placed(ctx, '4', '50');
		const id = r.id;
		// Not rejected yet: nothing to amend.
		const early = await resubmitSalesOrder(ctx, {
			order: id,
			lines: [{ p: 'P1', q: '4', price: '95', vat: 1300 }]
		});
		expect(early).toEqual({ ok: false, errors: { form: { code: 'notDraft' } } });
		expect((await decideOrder(ctx, { order: id, approve: false, comment: '价格太低' })).ok).toBe(true);
		expect(l.document(id)!.status).toBe('draft');
		// A typo in the quantity keeps everything as typed and records nothing.
		const before = l.size;
		const typo = await resubmitSalesOrder(ctx, {
			order: id,
			lines: [{ p: 'P1', q: '4x', price: '95', vat: 1300 }]
		});
		expect(typo.ok).toBe(false);
		if (!typo.ok) expect(Object.keys(typo.errors)).toEqual(['line.0.q']);
		expect(l.size).toBe(before);
		// Someone without the right to submit is told so.
		const viewer = { ...ctx, may: (type: string) => type !== 'sales.order.submitted' };
		expect(
			await resubmitSalesOrder(viewer, { order: id, lines: [{ p: 'P1', q: '1', price: '95', vat: 1300 }] })
		).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
		// 95.00 is within the 10 % limit off 95.00 (wholesale less the customer's 5 %): approved, reserved.
		const ok = await resubmitSalesOrder(ctx, {
			order: id,
			lines: [{ p: 'P1', q: '3', price: '95', vat: 1300 }]
		});
		expect(ok).toMatchObject({ ok: true, value: { id, number: r.number, checks: [] } });
		expect(l.document(id)).toMatchObject({ status: 'approved', total: 28_500 });
		expect(l.stockOf('P1', 'W1').reserved).toBe(3000);
	});

	it('[V6] a wrong invoice is voided by a manager; its delivery is open to invoicing again', async () => {
		const ctx = await shop();
		const l = ctx.ledger;
		const o = await placed(ctx, '2', '95');
		const d = await deliverOrder(ctx, {
			order: o.id,
			wh: 'W1',
			quantities: ['2'],
			carrier: '',
			tracking: ''
		});
		if (!d.ok) throw new Error('not delivered');
		const inv = await recordInvoice(ctx, {
			customer: 'C1',
			kind: 'special',
			number: '0440000X',
			deliveries: [{ ref: d.value.id, amount: '190' }]
		});
		if (!inv.ok) throw new Error('not invoiced');
		expect(uninvoiced([...l.documents()])).toEqual([]);
		// A clerk may not void; nothing is recorded.
		const clerk = { ...ctx, may: (type: string) => type !== 'document.voided' };
		const before = l.size;
		expect(await voidInvoice(clerk, { invoice: inv.value.id, reason: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'notManager' } }
		});
		expect(l.size).toBe(before);
		expect(await voidInvoice(ctx, { invoice: inv.value.id, reason: '发票号码错误' })).toEqual({
			ok: true,
			value: null
		});
		expect(l.document(inv.value.id)!.status).toBe('voided');
		expect(uninvoiced([...l.documents()]).map((u) => [u.delivery.id, u.rest])).toEqual([
			[d.value.id, 19_000]
		]);
		expect(await voidInvoice(ctx, { invoice: inv.value.id, reason: '' })).toEqual({
			ok: false,
			errors: { form: { code: 'alreadyVoided' } }
		});
		// Issued again with the right number.
		const again = await recordInvoice(ctx, {
			customer: 'C1',
			kind: 'special',
			number: '04400001',
			deliveries: [{ ref: d.value.id, amount: '190' }]
		});
		expect(again.ok).toBe(true);
		expect(uninvoiced([...l.documents()])).toEqual([]);
	});
});
