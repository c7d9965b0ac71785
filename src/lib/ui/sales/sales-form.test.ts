import { describe, expect, it } from 'vitest';
import { Ledger } from '../../domain/ledger';
import { EventFactory } from '../../../../tests/factories/events';
import { SalesDocForm } from './sales-form.svelte';

/** A wholesale customer and a kettle (retail 120.00, wholesale 100.00, VAT 9 %), as master events. */
function master(f: EventFactory) {
	return [
		f.make('customer.created', { id: 'C1', fields: { name: 'Hotel', tier: 'wholesale' } }),
		f.make('product.created', {
			id: 'P1',
			fields: { name: 'Kettle', unit: 'pc', retailPrice: 12_000, wholesalePrice: 10_000, vat: 900 }
		})
	];
}

describe('the quotation / order form', () => {
	it("suggests the customer's tier price for a product the device has derived", () => {
		const ledger = new Ledger();
		ledger.add(master(new EventFactory()));
		const form = new SalesDocForm('quote', 0);
		form.customer = 'C1';
		form.add(ledger, 'P1');
		expect(form.lines[0]).toMatchObject({ p: 'P1', q: '1', price: '100.00', vat: 900 });
		expect(form.lines[0]!.awaiting).toBeUndefined();
	});

	it('fills in the price of a line picked while the journal was still loading', () => {
		// Right after the app opens, the product list comes from the saved read models and the ledger is
		// still empty: the line starts without a price and gets it once the events are derived.
		const ledger = new Ledger();
		const form = new SalesDocForm('quote', 0);
		form.customer = 'C1';
		form.add(ledger, 'P1');
		expect(form.lines[0]).toMatchObject({ price: '', awaiting: true });
		form.fillAwaited(ledger);
		expect(form.lines[0]!.price).toBe('');
		ledger.add(master(new EventFactory()));
		form.fillAwaited(ledger);
		expect(form.lines[0]).toMatchObject({ price: '100.00', vat: 900, awaiting: false });
	});

	it('waits for the customer too: a product alone would suggest the retail price', () => {
		const f = new EventFactory();
		const [customer, product] = master(f);
		const ledger = new Ledger();
		ledger.add([product!]);
		const form = new SalesDocForm('order', 0);
		form.customer = 'C1';
		form.add(ledger, 'P1');
		form.fillAwaited(ledger);
		expect(form.lines[0]).toMatchObject({ price: '', awaiting: true });
		ledger.add([customer!]);
		form.fillAwaited(ledger);
		expect(form.lines[0]!.price).toBe('100.00');
	});

	it('keeps a price the clerk typed before the product was derived', () => {
		const ledger = new Ledger();
		const form = new SalesDocForm('quote', 0);
		form.customer = 'C1';
		form.add(ledger, 'P1');
		form.lines[0]!.price = '95';
		ledger.add(master(new EventFactory()));
		form.fillAwaited(ledger);
		expect(form.lines[0]).toMatchObject({ price: '95', vat: 1300, awaiting: false });
	});
});
