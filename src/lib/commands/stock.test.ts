/** Stock adjustments booked from a stock card (I5, I6): what they record, and what they refuse. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from './context';
import { testContext } from './test-context';
import { adjustStock, type StockAdjustmentInput } from './stock';

const U = 1000;

async function shop(may: (type: string, branch: string) => boolean = () => true): Promise<CommandContext> {
	return testContext({
		seed: [
			{ type: 'branch.created', user: 'boss', payload: { id: 'B01', fields: { name: '总店' } } },
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W1', fields: { name: '主仓', branch: 'B01' } }
			},
			{ type: 'product.created', user: 'boss', payload: { id: 'P1', fields: { name: '茶', unit: '瓶' } } },
			{
				type: 'product.created',
				user: 'boss',
				payload: { id: 'P2', fields: { name: '奶', unit: '盒', batchTracked: true } }
			},
			{
				type: 'opening.stock',
				user: 'boss',
				branch: 'B01',
				payload: {
					wh: 'W1',
					lines: [
						{ p: 'P1', q: 10 * U, value: 30_00 },
						{ p: 'P2', q: 4 * U, value: 20_00, batch: 'L1' }
					]
				}
			}
		],
		may: (t, b) => may(t, b)
	});
}

const input = (patch: Partial<StockAdjustmentInput> = {}): StockAdjustmentInput => ({
	product: 'P1',
	warehouse: 'W1',
	direction: 'loss',
	qty: '2',
	reason: 'damaged',
	note: '',
	batch: '',
	...patch
});

describe('stock adjustments from the stock card', () => {
	it('[I5][I6] a loss takes stock out at cost, in the warehouse’s branch, with its reason', async () => {
		const ctx = await shop();
		const r = await adjustStock(ctx, input({ note: ' 外箱压坏 ' }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const e = ctx.ledger.event(r.value.id)!;
		expect(e.type).toBe('stock.adjusted');
		expect(e.branch).toBe('B01');
		expect(e.payload).toMatchObject({
			wh: 'W1',
			reason: 'damaged: 外箱压坏',
			lines: [{ p: 'P1', q: -2 * U }]
		});
		const s = ctx.ledger.stockOf('P1', 'W1');
		expect(s.onHand).toBe(8 * U);
		expect(s.value).toBe(24_00); // 10 at ¥3.00, two out at cost
		expect(r.value.number).toMatch(/^TZ/);
	});

	it('[I5][I6] a gain comes in at the current unit cost', async () => {
		const ctx = await shop();
		const r = await adjustStock(ctx, input({ direction: 'gain', qty: '1.5', reason: 'found' }));
		expect(r.ok).toBe(true);
		const s = ctx.ledger.stockOf('P1', 'W1');
		expect(s.onHand).toBe(11_500);
		expect(s.value).toBe(34_50);
	});

	it('[I6] a loss may not take more than the warehouse holds; nothing is recorded', async () => {
		const ctx = await shop();
		const before = ctx.ledger.size;
		const r = await adjustStock(ctx, input({ qty: '10.001' }));
		expect(r).toEqual({ ok: false, errors: { qty: { code: 'overLoss', params: { max: 10 * U } } } });
		expect(ctx.ledger.size).toBe(before);
		expect((await adjustStock(ctx, input({ qty: '10' }))).ok).toBe(true);
	});

	it('[I6] a batch-tracked product needs its batch, and a loss is capped by that batch', async () => {
		const ctx = await shop();
		const none = await adjustStock(ctx, input({ product: 'P2' }));
		expect(none).toEqual({ ok: false, errors: { batch: { code: 'batchRequired' } } });
		const other = await adjustStock(ctx, input({ product: 'P2', batch: 'L9' }));
		expect(other).toEqual({ ok: false, errors: { qty: { code: 'overLoss', params: { max: 0 } } } });
		const ok = await adjustStock(ctx, input({ product: 'P2', batch: ' L1 ', qty: '4', reason: 'expired' }));
		expect(ok.ok).toBe(true);
		expect(ctx.ledger.batches().filter((b) => b.product === 'P2')).toEqual([]);
	});

	it('[I6] refuses bad quantities, a reason that does not fit the direction, and "other" with no note', async () => {
		const ctx = await shop();
		for (const qty of ['', '0', '-1', 'abc', '1.0001'])
			expect(await adjustStock(ctx, input({ qty }))).toEqual({ ok: false, errors: { qty: { code: 'qty' } } });
		expect(await adjustStock(ctx, input({ reason: 'found' }))).toEqual({
			ok: false,
			errors: { reason: { code: 'reasonRequired' } }
		});
		expect(await adjustStock(ctx, input({ direction: 'gain', reason: 'damaged' }))).toEqual({
			ok: false,
			errors: { reason: { code: 'reasonRequired' } }
		});
		expect(await adjustStock(ctx, input({ reason: 'other', note: '  ' }))).toEqual({
			ok: false,
			errors: { note: { code: 'noteRequired' } }
		});
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(10 * U);
	});

	it('[U1] refuses a clerk who may not adjust stock in that branch, and an unknown warehouse', async () => {
		const ctx = await shop((type, branch) => !(type === 'stock.adjusted' && branch === 'B01'));
		expect(await adjustStock(ctx, input())).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
		expect(await adjustStock(ctx, input({ warehouse: 'W9' }))).toEqual({
			ok: false,
			errors: { form: { code: 'unknownWarehouse' } }
		});
	});
});
