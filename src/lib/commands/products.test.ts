import { describe, expect, it } from 'vitest';
import { Ledger } from '../domain/ledger';
import { DeviceClock } from '../sync/device-clock';
import { Journal } from '../sync/journal';
import type { CommandContext } from './context';
import { createProduct, type NewProductInput } from './products';

function context(may = true): CommandContext {
	const ledger = new Ledger();
	const journal = new Journal({
		tenant: 'acme',
		clock: new DeviceClock('T1'),
		sink: (b) => ledger.add(b.added)
	});
	return { journal, ledger, user: 'clerk', may: () => may };
}

const input = (patch: Partial<NewProductInput> = {}): NewProductInput => ({
	code: '',
	name: '冰红茶',
	spec: '500ml',
	unit: '瓶',
	barcode: '',
	retailPrice: '3.50',
	purchasePrice: '',
	vat: 1300,
	...patch
});

describe('createProduct', () => {
	it('records product.created with prices parsed to fen and a generated code', async () => {
		const ctx = context();
		const r = await createProduct(ctx, input());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(ctx.ledger.values('product', r.value.id)).toMatchObject({
			name: '冰红茶',
			unit: '瓶',
			code: 'SP0001',
			retailPrice: 350,
			vat: 1300
		});
	});

	it('returns per-field error codes and records nothing', async () => {
		const ctx = context();
		const r = await createProduct(ctx, input({ name: ' ', unit: '', retailPrice: '1.234', barcode: '12ab' }));
		expect(r).toEqual({
			ok: false,
			errors: {
				name: { code: 'nameRequired' },
				unit: { code: 'unitRequired' },
				retailPrice: { code: 'price' },
				barcode: { code: 'barcode' }
			}
		});
		expect(ctx.ledger.size).toBe(0);
	});

	it('refuses a code or barcode another product already has, naming it', async () => {
		const ctx = context();
		await createProduct(ctx, input({ code: 'A1', barcode: '6901234567892' }));
		const r = await createProduct(ctx, input({ name: '绿茶', code: 'A1', barcode: '6901234567892' }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.code).toEqual({ code: 'codeTaken', params: { code: 'A1', name: '冰红茶' } });
		expect(r.errors.barcode).toEqual({
			code: 'barcodeTaken',
			params: { code: '6901234567892', name: '冰红茶' }
		});
	});

	it('refuses a user whose role may not create products', async () => {
		const r = await createProduct(context(false), input());
		expect(r).toEqual({ ok: false, errors: { form: { code: 'readOnly' } } });
	});
});
