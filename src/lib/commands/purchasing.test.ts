/** The purchasing commands against a real journal and ledger: what they record, and what they refuse. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from './context';
import { testContext } from './test-context';
import {
	decidePurchaseOrder,
	placeOrdersFromSuggestions,
	placePurchaseOrder,
	resubmitPurchaseOrder,
	setPurchaseApprovalLimit,
	type OrderInput
} from './purchasing';
import { postPurchaseReceipt, postPurchaseReturn } from './purchasing-receiving';

const U = 1000;

async function company(may: (type: string) => boolean = () => true): Promise<CommandContext> {
	return testContext({
		seed: [
			{ type: 'branch.created', user: 'boss', payload: { id: 'B01', fields: { name: '总店' } } },
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W1', fields: { name: '主仓', branch: 'B01' } }
			},
			{
				type: 'supplier.created',
				user: 'boss',
				payload: { id: 'S1', fields: { name: '甲', termsDays: 30 } }
			},
			{ type: 'product.created', user: 'boss', payload: { id: 'P1', fields: { name: '茶', unit: '瓶' } } },
			{
				type: 'product.created',
				user: 'boss',
				payload: { id: 'P2', fields: { name: '奶', unit: '盒', batchTracked: true } }
			},
			{ type: 'settings.updated', user: 'boss', payload: { fields: { poApprovalAbove: 500_00 } } }
		],
		may: (t) => may(t)
	});
}

const order = (patch: Partial<OrderInput> = {}): OrderInput => ({
	supplier: 'S1',
	wh: 'W1',
	expected: '2026-03-01',
	note: '',
	lines: [
		{ p: 'P1', unit: '箱', factor: 12, qty: '10', price: '36', vat: 1300 }, // 120 bottles, ¥360
		{ p: 'P2', unit: '盒', factor: 1, qty: '50', price: '4.2', vat: 1300 } // ¥210
	],
	...patch
});

describe('purchase orders', () => {
	it('[PU4][PU5] places an order in the warehouse’s branch; above the limit it needs approval', async () => {
		const ctx = await company();
		const r = await placePurchaseOrder(ctx, order(), '');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.approval).toBe(true);
		const d = ctx.ledger.document(r.value.id)!;
		expect(d).toMatchObject({ status: 'pending', branch: 'B01', total: 570_00, party: 'S1' });
		expect(d.lines[0]).toMatchObject({ q: 120 * U, amount: 360_00 });
		const small = await placePurchaseOrder(ctx, order({ lines: [order().lines[1]!] }), '');
		expect(small.ok && small.value.approval).toBe(false);
	});

	it('refuses bad input per field and records nothing', async () => {
		const ctx = await company();
		const before = ctx.ledger.size;
		const r = await placePurchaseOrder(
			ctx,
			order({
				supplier: 'nobody',
				expected: '2026-02-30',
				lines: [{ p: 'P1', unit: '瓶', factor: 1, qty: '0', price: '1.234', vat: 1300 }]
			}),
			''
		);
		expect(r).toEqual({
			ok: false,
			errors: {
				supplier: { code: 'required' },
				expected: { code: 'date' },
				'qty.0': { code: 'qty' },
				'price.0': { code: 'price' }
			}
		});
		expect(ctx.ledger.size).toBe(before);
	});

	it('[T3] reject needs a comment; a rejected order is amended and resubmitted; a manager approves', async () => {
		const ctx = await company();
		const placed = await placePurchaseOrder(ctx, order(), '');
		if (!placed.ok) throw new Error('not placed');
		const id = placed.value.id;
		expect(await decidePurchaseOrder(ctx, 'purchase.order.rejected', id, ' ')).toEqual({
			ok: false,
			errors: { comment: { code: 'commentRequired' } }
		});
		expect((await decidePurchaseOrder(ctx, 'purchase.order.rejected', id, '太贵')).ok).toBe(true);
		expect(ctx.ledger.document(id)!.status).toBe('draft');
		const again = await resubmitPurchaseOrder(ctx, id, order({ lines: [order().lines[0]!] }));
		expect(again.ok && again.value.approval).toBe(false); // ¥360 is under the limit now
		expect(ctx.ledger.document(id)!.status).toBe('approved');
		expect((await decidePurchaseOrder(ctx, 'purchase.order.approved', id, '')).ok).toBe(false);
	});

	it('[PU4] the approval limit is set in yuan; bad input is refused', async () => {
		const ctx = await company();
		expect(await setPurchaseApprovalLimit(ctx, '1,000.5')).toEqual({ ok: true, value: { limit: 1000_50 } });
		expect(ctx.ledger.values('settings', 'company').poApprovalAbove).toBe(1000_50);
		const placed = await placePurchaseOrder(ctx, order(), '');
		expect(placed.ok && placed.value.approval).toBe(false); // ¥570 ≤ ¥1000.50
		expect(await setPurchaseApprovalLimit(ctx, 'abc')).toEqual({
			ok: false,
			errors: { limit: { code: 'price' } }
		});
	});

	it('only a manager may approve', async () => {
		const ctx = await company((t) => t !== 'purchase.order.approved');
		const placed = await placePurchaseOrder(ctx, order(), '');
		if (!placed.ok) throw new Error('not placed');
		expect(await decidePurchaseOrder(ctx, 'purchase.order.approved', placed.value.id, '')).toEqual({
			ok: false,
			errors: { form: { code: 'manager' } }
		});
	});

	it('suggestions become one order per supplier and warehouse in one batch', async () => {
		const ctx = await company();
		const line = (product: string, q: number, amount: number) => ({
			supplier: 'S1',
			warehouse: 'W1',
			product,
			q,
			amount,
			vat: 1300
		});
		const r = await placeOrdersFromSuggestions(
			ctx,
			[
				{ ...line('P1', 27 * U, 81_00), expected: 20_000 },
				{ ...line('P2', 3 * U, 9_00), expected: 20_003 }
			],
			''
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.numbers).toHaveLength(1);
		expect(r.value.needApproval).toBe(0);
		const placed = [...ctx.ledger.documents()].find((d) => d.type === 'purchase.order.placed')!;
		expect(placed.due).toBe(20_003); // the later of the lines' expected dates
		const bad = await placeOrdersFromSuggestions(ctx, [{ ...line('P1', U, 1), supplier: 'S9' }], '');
		expect(bad.ok).toBe(false);
	});
});

describe('receiving and returns', () => {
	async function approvedOrder() {
		const ctx = await company();
		const placed = await placePurchaseOrder(ctx, order(), '');
		if (!placed.ok) throw new Error('not placed');
		await decidePurchaseOrder(ctx, 'purchase.order.approved', placed.value.id, 'ok');
		return { ctx, id: placed.value.id };
	}

	it('[T4] inspection: a rejected quantity needs a reason; a batch-tracked product needs a batch', async () => {
		const { ctx, id } = await approvedOrder();
		const r = await postPurchaseReceipt(ctx, {
			order: id,
			wh: 'W1',
			lines: [
				{ line: 0, accepted: '60', rejected: '1', reason: '', batch: '', expiry: '' },
				{ line: 1, accepted: '10', rejected: '', reason: '', batch: '', expiry: '2026-13-01' }
			]
		});
		expect(r).toEqual({
			ok: false,
			errors: {
				'reason.0': { code: 'reasonRequired' },
				'batch.1': { code: 'batchRequired' },
				'expiry.1': { code: 'date' }
			}
		});
	});

	it('[PU6][PU7][T6][T7] partial receipt, the rest, a return at cost; the payable follows', async () => {
		const { ctx, id } = await approvedOrder();
		const first = await postPurchaseReceipt(ctx, {
			order: id,
			wh: 'W1',
			lines: [{ line: 0, accepted: '60', rejected: '1', reason: '破损', batch: '', expiry: '' }]
		});
		expect(first.ok).toBe(true);
		expect(ctx.ledger.document(id)!.status).toBe('partial');
		const second = await postPurchaseReceipt(ctx, {
			order: id,
			wh: 'W1',
			lines: [
				{ line: 0, accepted: '60', rejected: '', reason: '', batch: '', expiry: '' },
				{ line: 1, accepted: '50', rejected: '', reason: '', batch: 'L1', expiry: '2026-06-30' }
			]
		});
		if (!second.ok || !first.ok) throw new Error('not received');
		expect(ctx.ledger.document(id)!.status).toBe('complete');
		// The two receipts bill exactly the order: ¥180 + ¥180 + ¥210.
		expect(ctx.ledger.balanceOf('supplier', 'S1')).toBe(570_00);
		const back = await postPurchaseReturn(ctx, {
			receipt: first.value.id,
			lines: [{ line: 0, qty: '1' }],
			reason: '漏气'
		});
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		// ¥3 a bottle incl. 13 % VAT: the stock value is net, 3.00 − round(3.00 × 13/113) = 2.65.
		expect(ctx.ledger.document(back.value.id)!.cost).toBe(2_65);
		expect(ctx.ledger.balanceOf('supplier', 'S1')).toBe(567_00);
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(119 * U);
		const tooMany = await postPurchaseReturn(ctx, {
			receipt: first.value.id,
			lines: [{ line: 0, qty: '60' }],
			reason: 'x'
		});
		expect(tooMany).toEqual({
			ok: false,
			errors: { 'qty.0': { code: 'overReturn', params: { max: 59 * U } } }
		});
	});

	it('[PU6] quantities typed in an extra unit (箱 of 12) are received in the base unit', async () => {
		const { ctx, id } = await approvedOrder();
		const bad = await postPurchaseReceipt(ctx, {
			order: id,
			wh: 'W1',
			lines: [{ line: 0, accepted: '5', rejected: '', reason: '', batch: '', expiry: '', factor: 0 }]
		});
		expect(bad).toEqual({ ok: false, errors: { 'accepted.0': { code: 'unit' } } });
		const r = await postPurchaseReceipt(ctx, {
			order: id,
			wh: 'W1',
			lines: [
				{ line: 0, accepted: '4.5', rejected: '0.5', reason: '破损', batch: '', expiry: '', factor: 12 }
			]
		});
		if (!r.ok) throw new Error('not received');
		// 4.5 箱 = 54 accepted, 0.5 箱 = 6 rejected, in the base unit.
		expect(ctx.ledger.document(r.value.id)!.lines[0]).toMatchObject({ q: 54_000, rejected: 6_000 });
		expect(ctx.ledger.document(id)!.lines[0]!.done).toBe(54_000);
	});

	it('[T5] receiving more than ordered is allowed and flagged', async () => {
		const { ctx, id } = await approvedOrder();
		const r = await postPurchaseReceipt(ctx, {
			order: id,
			wh: 'W1',
			lines: [{ line: 0, accepted: '121', rejected: '', reason: '', batch: '', expiry: '' }]
		});
		expect(r.ok && r.value.over).toBe(true);
		expect(ctx.ledger.alerts().some((a) => a.kind === 'over-receipt')).toBe(true);
	});
});
