/**
 * [U5] While the device is still deriving its books, every command but the counter sale is refused with
 * `deriving` and records nothing; the same command goes through once the books are derived.
 */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from './context';
import { testContext } from './test-context';
import { recordCounterRefund } from './counter';
import { saveProduct, saveRecord, setActive } from './master';
import { recordExpense, recordTillCount, transferCash } from './money';
import { createProduct } from './products';
import {
	decidePurchaseOrder,
	placeOrdersFromSuggestions,
	placePurchaseOrder,
	resubmitPurchaseOrder,
	setPurchaseApprovalLimit
} from './purchasing';
import { postPurchaseReceipt, postPurchaseReturn } from './purchasing-receiving';
import {
	convertQuote,
	decideOrder,
	placeQuote,
	placeSalesOrder,
	resubmitSalesOrder,
	voidOrder,
	voidSalesDocument
} from './sales';
import { deliverOrder, receivePayment, recordInvoice, returnDelivery, voidInvoice } from './sales-fulfilment';
import {
	adjustOversell,
	adjustStock,
	postStocktake,
	receiveTransfer,
	shipTransfer,
	startStocktake
} from './stock';
import { applyImport, recordOpeningBalance, recordOpeningStock } from './transfer';

// The guard comes before anything reads the input, so any input shows it.
const any = {} as never;

const COMMANDS: readonly [string, (ctx: CommandContext) => unknown][] = [
	['recordCounterRefund', (c) => recordCounterRefund(c, any)],
	['saveProduct', (c) => saveProduct(c, null, any)],
	['saveRecord', (c) => saveRecord(c, 'supplier', null, any)],
	['setActive', (c) => setActive(c, 'product', 'P1', false)],
	['createProduct', (c) => createProduct(c, any)],
	['placePurchaseOrder', (c) => placePurchaseOrder(c, any, 'B01')],
	['resubmitPurchaseOrder', (c) => resubmitPurchaseOrder(c, 'x', any)],
	['decidePurchaseOrder', (c) => decidePurchaseOrder(c, any, 'x', '')],
	['placeOrdersFromSuggestions', (c) => placeOrdersFromSuggestions(c, any, 'B01')],
	['setPurchaseApprovalLimit', (c) => setPurchaseApprovalLimit(c, '100')],
	['postPurchaseReceipt', (c) => postPurchaseReceipt(c, any)],
	['postPurchaseReturn', (c) => postPurchaseReturn(c, any)],
	['placeQuote', (c) => placeQuote(c, any)],
	['placeSalesOrder', (c) => placeSalesOrder(c, any)],
	['convertQuote', (c) => convertQuote(c, 'x')],
	['resubmitSalesOrder', (c) => resubmitSalesOrder(c, any)],
	['decideOrder', (c) => decideOrder(c, any)],
	['voidOrder', (c) => voidOrder(c, any)],
	['voidSalesDocument', (c) => voidSalesDocument(c, 'x', 'why', any)],
	['deliverOrder', (c) => deliverOrder(c, any)],
	['returnDelivery', (c) => returnDelivery(c, any)],
	['recordInvoice', (c) => recordInvoice(c, any)],
	['voidInvoice', (c) => voidInvoice(c, any)],
	['receivePayment', (c) => receivePayment(c, any)],
	['adjustOversell', (c) => adjustOversell(c, any)],
	['adjustStock', (c) => adjustStock(c, any)],
	['shipTransfer', (c) => shipTransfer(c, any)],
	['receiveTransfer', (c) => receiveTransfer(c, any)],
	['startStocktake', (c) => startStocktake(c, 'W1')],
	['postStocktake', (c) => postStocktake(c, any, [])],
	['applyImport', (c) => applyImport(c, any)],
	['recordOpeningStock', (c) => recordOpeningStock(c, [])],
	['recordOpeningBalance', (c) => recordOpeningBalance(c, any)],
	['transferCash', (c) => transferCash(c, any)],
	['recordExpense', (c) => recordExpense(c, any)],
	['recordTillCount', (c) => recordTillCount(c, any)]
];

async function shop(): Promise<CommandContext> {
	return testContext({
		seed: [
			{
				type: 'warehouse.created',
				user: 'boss',
				payload: { id: 'W1', fields: { name: '主仓', branch: 'B01' } }
			},
			{ type: 'product.created', user: 'boss', payload: { id: 'P1', fields: { name: '茶', unit: '瓶' } } },
			{
				type: 'opening.stock',
				user: 'boss',
				branch: 'B01',
				payload: { wh: 'W1', lines: [{ p: 'P1', q: 10_000, value: 30_00 }] }
			}
		]
	});
}

describe('[U5] commands wait for the books', () => {
	it.each(COMMANDS)('%s is refused while deriving, and records nothing', async (_name, run) => {
		const ctx = await shop();
		const before = ctx.ledger.size;
		const r = await run({ ...ctx, deriving: true });
		expect(r).toEqual({ ok: false, errors: { form: { code: 'deriving' } } });
		expect(ctx.ledger.size).toBe(before);
	});

	it('the same command goes through once the books are derived', async () => {
		const ctx = await shop();
		const adjust = {
			product: 'P1',
			warehouse: 'W1',
			direction: 'loss',
			qty: '2',
			reason: 'damaged',
			note: '',
			batch: ''
		} as const;
		expect((await adjustStock({ ...ctx, deriving: true }, adjust)).ok).toBe(false);
		expect((await adjustStock({ ...ctx, deriving: false }, adjust)).ok).toBe(true);
		expect(ctx.ledger.stockOf('P1', 'W1').onHand).toBe(8_000);
	});
});
