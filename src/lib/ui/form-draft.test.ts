/** Documents being typed, kept on the device (U7): what is kept comes back as typed, anything else is ignored. */
import { describe, expect, it } from 'vitest';
import { OrderForm, readOrderDraft } from './purchasing/order-form.svelte';
import { EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { readSalesDraft, repeatDraft, SalesDocForm } from './sales/sales-form.svelte';

const through = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('drafts of documents being typed', () => {
	it('[U7] a sales order as typed, odd text included, comes back exactly', () => {
		const form = new SalesDocForm('order', 20_400);
		expect(form.snapshot()).toBeNull();
		form.customer = 'C1';
		form.wh = 'W1';
		form.note = '下午送到后门';
		form.lines = [
			{ key: 1, p: 'P1', q: '12', price: '3.50', vat: 1300 },
			{ key: 2, p: 'P2', q: '1.5x', price: '', vat: 900 } // not a quantity yet: kept as typed
		];
		const kept = readSalesDraft(through(form.snapshot()));
		const again = new SalesDocForm('order', 20_400);
		again.restore(kept!);
		expect(again.snapshot()).toEqual(form.snapshot());
		expect(again.lines.map((l) => l.q)).toEqual(['12', '1.5x']);
	});

	it('[U7] a purchase order as typed, units included, comes back exactly', () => {
		const form = new OrderForm();
		form.supplier = 'S1';
		form.expected = '2026-12-01';
		form.lines = [{ p: 'P1', name: '可乐', unit: '箱', factor: 24, qty: '10', price: '48.00', vat: 1300 }];
		const again = new OrderForm();
		again.restore(readOrderDraft(through(form.snapshot()))!);
		expect(again.snapshot()).toEqual(form.snapshot());
	});

	it('[U7] anything else in storage is not a draft', () => {
		const line = { p: 'P1', q: '1', price: '2', vat: 1300 };
		const good = { customer: '', wh: '', valid: '', note: '', lines: [line] };
		expect(readSalesDraft(good)).toEqual(good);
		for (const bad of [
			null,
			7,
			'text',
			[],
			{ ...good, customer: 3 },
			{ ...good, lines: 'none' },
			{ ...good, lines: [{ ...line, p: '' }] },
			{ ...good, lines: [{ ...line, q: 1 }] },
			{ ...good, lines: [{ ...line, vat: -1 }] },
			{ ...good, lines: [line, null] }
		])
			expect(readSalesDraft(bad)).toBeNull();
		const pline = { p: 'P1', name: 'x', unit: '', factor: 1, qty: '', price: '', vat: 0 };
		const pgood = { supplier: '', wh: '', expected: '', note: '', lines: [pline] };
		expect(readOrderDraft(pgood)).toEqual(pgood);
		for (const bad of [
			{ ...pgood, note: null },
			{ ...pgood, lines: [{ ...pline, factor: 0 }] },
			{ ...pgood, lines: [{ ...pline, factor: 1.5 }] },
			{ ...pgood, lines: [{ ...pline, name: undefined }] }
		])
			expect(readOrderDraft(bad)).toBeNull();
	});
});

describe('再来一单', () => {
	it('a new order with the old one’s customer, warehouse and quantities, at the customer’s price today', () => {
		const f = new EventFactory();
		const old = f.make('sales.order.placed', {
			no: 1,
			customer: 'C1',
			wh: 'W1',
			approval: false,
			lines: [
				{ p: 'P1', q: 3_000, amount: 27_00, vat: 1300 }, // 9.00 each then
				{ p: 'P2', q: 1_500, amount: 3_00, vat: 900 } // no price for this customer now: the old one
			]
		});
		const ledger = deriveAll([
			f.make('customer.created', {
				id: 'C1',
				fields: { name: '湖滨酒店', tier: 'wholesale', discountBp: 500 }
			}),
			f.make('warehouse.created', { id: 'W1', fields: { name: 'Main' } }),
			f.make('product.created', {
				id: 'P1',
				fields: { name: '茶', unit: '盒', retailPrice: 10_00, wholesalePrice: 8_00, vat: 1300 }
			}),
			f.make('product.created', { id: 'P2', fields: { name: '糖', unit: 'kg', vat: 1300 } }),
			old
		]);
		const draft = repeatDraft(ledger, ledger.document(old.id)!, '2026-12-01');
		expect(draft).toEqual({
			customer: 'C1',
			wh: 'W1',
			valid: '2026-12-01',
			note: '',
			lines: [
				// Wholesale 8.00 less the customer's 5 %: 7.60.
				{ p: 'P1', q: '3', price: '7.60', vat: 1300 },
				{ p: 'P2', q: '1.5', price: '2.00', vat: 1300 }
			]
		});
	});
});
