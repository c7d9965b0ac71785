/** Stock adjustments booked from a stock card (I5, I6): what they record, and what they refuse. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from './context';
import { testContext } from './test-context';
import {
	adjustStock,
	postStocktake,
	receiveTransfer,
	shipTransfer,
	startStocktake,
	type StockAdjustmentInput
} from './stock';

const U = 1000;

async function shop(may: (type: string, branch: string) => boolean = () => true): Promise<CommandContext> {
	return testContext({
		seed: [
			{ type: 'branch.created', user: 'boss', payload: { id: 'B01', fields: { name: '总店' } } },
			{ type: 'branch.created', user: 'boss', payload: { id: 'B02', fields: { name: '城东店' } } },
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W1', fields: { name: '主仓', branch: 'B01' } }
			},
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W2', fields: { name: '城东店仓', branch: 'B02' } }
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
						{ p: 'P2', q: 4 * U, value: 20_00, batch: 'L1', expiry: 20_600 }
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

describe('transfers between warehouses (调拨)', () => {
	const ship = (patch: Partial<Parameters<typeof shipTransfer>[1]> = {}) => ({
		from: 'W1',
		to: 'W2',
		lines: [
			{ p: 'P1', qty: '4', batch: '' },
			{ p: 'P2', qty: '1', batch: 'L1' }
		],
		...patch
	});

	it('[I1] ships from the sending warehouse’s branch at cost; the batch takes its expiry along', async () => {
		const ctx = await shop();
		const r = await shipTransfer(ctx, ship());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const e = ctx.ledger.event(r.value.id)!;
		expect(e.branch).toBe('B01');
		expect(e.payload).toMatchObject({
			from: 'W1',
			to: 'W2',
			lines: [
				{ p: 'P1', q: 4 * U },
				{ p: 'P2', q: 1 * U, batch: 'L1', expiry: 20_600 }
			]
		});
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(6 * U);
		expect(ctx.ledger.stockOf('P1', 'W2')).toMatchObject({ onHand: 0, incoming: 4 * U });
		expect(r.value.number).toMatch(/^DB/);
	});

	it('[I1] refuses more than the warehouse holds, counting two lines of one product together', async () => {
		const ctx = await shop();
		const before = ctx.ledger.size;
		const r = await shipTransfer(
			ctx,
			ship({
				lines: [
					{ p: 'P1', qty: '7', batch: '' },
					{ p: 'P1', qty: '4', batch: '' },
					{ p: 'P2', qty: '1', batch: '' },
					{ p: 'P2', qty: '5', batch: 'L1' },
					{ p: 'P1', qty: '0', batch: '' }
				]
			})
		);
		expect(r).toEqual({
			ok: false,
			errors: {
				'lines.1.qty': { code: 'overShip', params: { max: 3 * U } },
				'lines.2.batch': { code: 'batchRequired' },
				'lines.3.qty': { code: 'overShip', params: { max: 4 * U } },
				'lines.4.qty': { code: 'qty' }
			}
		});
		expect(ctx.ledger.size).toBe(before);
	});

	it('[I1] refuses one warehouse on both sides, no lines, an unknown warehouse and a clerk without the right', async () => {
		const ctx = await shop((type) => type !== 'stock.transfer.shipped');
		expect(await shipTransfer(ctx, ship({ to: 'W1' }))).toEqual({
			ok: false,
			errors: { to: { code: 'sameWarehouse' } }
		});
		expect(await shipTransfer(ctx, ship({ to: 'W9' }))).toEqual({
			ok: false,
			errors: { form: { code: 'unknownWarehouse' } }
		});
		expect(await shipTransfer(ctx, ship())).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
		const open = await shop();
		expect(await shipTransfer(open, ship({ lines: [{ p: '', qty: '1', batch: '' }] }))).toEqual({
			ok: false,
			errors: { form: { code: 'noLines' } }
		});
	});

	it('[I2][I3] receives in parts in the receiving branch; a final receipt closes it and reports the rest short', async () => {
		const ctx = await shop();
		const shipped = await shipTransfer(ctx, ship());
		if (!shipped.ok) throw new Error('not shipped');
		const ref = shipped.value.id;
		const part = await receiveTransfer(ctx, {
			ref,
			lines: [
				{ line: 0, qty: '3' },
				{ line: 1, qty: '' }
			],
			final: false
		});
		expect(part).toEqual({ ok: true, value: { complete: false } });
		expect(ctx.ledger.referencing(ref).at(-1)!.branch).toBe('B02');
		expect(ctx.ledger.stockOf('P1', 'W2')).toMatchObject({ onHand: 3 * U, incoming: 1 * U, value: 9_00 });
		expect(await receiveTransfer(ctx, { ref, lines: [{ line: 0, qty: '2' }], final: false })).toEqual({
			ok: false,
			errors: { 'lines.0.qty': { code: 'overReceive', params: { max: 1 * U } } }
		});
		expect(await receiveTransfer(ctx, { ref, lines: [], final: false })).toEqual({
			ok: false,
			errors: { form: { code: 'nothingReceived' } }
		});
		// The last cup broke on the way: the batch line arrives, the transfer is closed short.
		const last = await receiveTransfer(ctx, { ref, lines: [{ line: 1, qty: '1' }], final: true });
		expect(last).toEqual({ ok: true, value: { complete: true } });
		expect(ctx.ledger.stockOf('P1', 'W2')).toMatchObject({ onHand: 3 * U, incoming: 0 });
		expect(ctx.ledger.alerts().filter((a) => a.kind === 'transfer-short')).toHaveLength(1);
		expect(await receiveTransfer(ctx, { ref, lines: [{ line: 0, qty: '1' }], final: true })).toEqual({
			ok: false,
			errors: { form: { code: 'state', params: { status: 'received' } } }
		});
	});

	it('[I2] refuses a clerk who may not receive in the receiving branch, and what is not a transfer', async () => {
		const ctx = await shop((type, branch) => !(type === 'stock.transfer.received' && branch === 'B02'));
		const shipped = await shipTransfer(ctx, ship());
		if (!shipped.ok) throw new Error('not shipped');
		expect(
			await receiveTransfer(ctx, { ref: shipped.value.id, lines: [{ line: 0, qty: '1' }], final: false })
		).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
		expect(await receiveTransfer(ctx, { ref: 'nope', lines: [], final: true })).toEqual({
			ok: false,
			errors: { form: { code: 'unknown' } }
		});
	});
});

describe('stocktakes (盘点)', () => {
	it('[I4] lists the warehouse’s book per product and batch when counting starts', async () => {
		const ctx = await shop();
		const sheet = startStocktake(ctx, 'W1');
		expect(sheet.ok).toBe(true);
		if (!sheet.ok) return;
		expect(sheet.value.lines).toEqual([
			{ p: 'P1', batch: '', book: 10 * U },
			{ p: 'P2', batch: 'L1', book: 4 * U }
		]);
		expect(sheet.value.countedAt).toMatch(/^\d/);
	});

	it('[I4] books counted − book for the counted lines only, against the book when counting began', async () => {
		const ctx = await shop();
		const sheet = startStocktake(ctx, 'W1');
		if (!sheet.ok) throw new Error('no sheet');
		// Sold while the clerks counted: the count must not take it off a second time.
		await adjustStock(ctx, input({ qty: '1' }));
		const r = await postStocktake(ctx, sheet.value, ['8', '']);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toMatch(/^PD/);
		const doc = ctx.ledger.document(r.value.id)!;
		expect(doc.lines).toEqual([expect.objectContaining({ p: 'P1', q: 8 * U, book: 10 * U, done: -2 * U })]);
		// Counted 8 when the books said 10; the breakage after the start comes off that: 7 on hand.
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(7 * U);
		expect(ctx.ledger.stockOf('P2', 'W1').onHand).toBe(4 * U);
	});

	it('[I9] counts one category (and those under it) only, and names a category the warehouse lacks', async () => {
		const ctx = await shop();
		const set = (id: string, category: string) =>
			ctx.journal.record('product.updated', { id, fields: { category } }, { user: 'boss' });
		await set('P1', '饮料/茶');
		await set('P2', '乳品');
		const drinks = startStocktake(ctx, 'W1', '饮料');
		expect(drinks.ok && drinks.value).toMatchObject({ category: '饮料', lines: [{ p: 'P1', batch: '' }] });
		const milk = startStocktake(ctx, 'W1', ' 乳品 ');
		expect(milk.ok && milk.value).toMatchObject({ category: '乳品', lines: [{ p: 'P2', batch: 'L1' }] });
		expect(startStocktake(ctx, 'W1', '饮')).toEqual({
			ok: false,
			errors: { category: { code: 'emptyCategory', params: { category: '饮' } } }
		});
		// Posting a category's count leaves the rest of the warehouse as the books say.
		if (!milk.ok) return;
		expect((await postStocktake(ctx, milk.value, ['3'])).ok).toBe(true);
		expect(ctx.ledger.stockOf('P2', 'W1').onHand).toBe(3 * U);
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(10 * U);
	});

	it('[I4] refuses a bad count and an empty sheet, and a clerk who may not count there', async () => {
		const ctx = await shop();
		const sheet = startStocktake(ctx, 'W1');
		if (!sheet.ok) throw new Error('no sheet');
		const before = ctx.ledger.size;
		expect(await postStocktake(ctx, sheet.value, ['-1', 'abc'])).toEqual({
			ok: false,
			errors: { 'lines.0.counted': { code: 'count' }, 'lines.1.counted': { code: 'count' } }
		});
		expect(await postStocktake(ctx, sheet.value, ['', ' '])).toEqual({
			ok: false,
			errors: { form: { code: 'nothingCounted' } }
		});
		expect(ctx.ledger.size).toBe(before);
		const zero = await postStocktake(ctx, sheet.value, ['', '0']);
		expect(zero.ok).toBe(true);
		expect(ctx.ledger.stockOf('P2', 'W1').onHand).toBe(0);
		const barred = await shop((type) => type !== 'stocktake.posted');
		expect(startStocktake(barred, 'W1')).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
		expect(startStocktake(barred, 'W9')).toEqual({ ok: false, errors: { wh: { code: 'unknownWarehouse' } } });
	});
});
