import { describe, expect, it } from 'vitest';
import { Ledger } from '../domain/ledger';
import { EMPTY_PRODUCT, type ProductInput } from '../domain/master/product';
import { recordHistory } from '../domain/master/history';
import { parseCsv, writeCsv } from '../domain/import/csv';
import { DeviceClock } from '../sync/device-clock';
import { Journal } from '../sync/journal';
import type { CommandContext } from './context';
import { saveProduct, saveRecord, seenOf, setActive } from './master';
import { applyImport, exportSheet, planImport, recordOpeningBalance, recordOpeningStock } from './transfer';

function context(): CommandContext {
	const ledger = new Ledger();
	const journal = new Journal({
		tenant: 'acme',
		clock: new DeviceClock('T1'),
		sink: (b) => ledger.add(b.added)
	});
	return { journal, ledger, user: 'clerk', may: () => true };
}

const jeans = (patch: Partial<ProductInput> = {}): ProductInput => ({
	...EMPTY_PRODUCT,
	name: '牛仔裤',
	unit: '条',
	units: [{ name: '箱', factor: '20' }],
	barcodes: ['6901234567892'],
	retailPrice: '199',
	...patch
});

describe('master-data commands', () => {
	it('[MD4] creates a product, refuses its barcode for another naming it, records nothing then', async () => {
		const ctx = context();
		const a = await saveProduct(ctx, null, jeans());
		expect(a.ok).toBe(true);
		const b = await saveProduct(ctx, null, jeans({ name: '短裤' }));
		expect(b).toEqual({
			ok: false,
			errors: { 'barcodes.0': { code: 'barcodeTaken', params: { code: '6901234567892', name: '牛仔裤' } } }
		});
		expect(ctx.ledger.size).toBe(1);
	});

	it('[MD7] an edit records only the changed fields, with the version seen; archive is an edit of active', async () => {
		const ctx = context();
		const a = await saveProduct(ctx, null, jeans());
		if (!a.ok) throw new Error('not saved');
		const id = a.value.id;
		const same = await saveProduct(ctx, id, jeans({ code: 'SP0001' }));
		expect(same.ok && same.value.changed).toBe(0);
		const edit = await saveProduct(ctx, id, jeans({ code: 'SP0001', retailPrice: '179' }));
		expect(edit.ok && edit.value.changed).toBe(1);
		await setActive(ctx, 'product', id, false);
		expect(ctx.ledger.values('product', id)).toMatchObject({
			retailPrice: 17900,
			active: false,
			code: 'SP0001'
		});
		const h = recordHistory(ctx.ledger.record('product', id));
		expect(h.map((x) => x.changes.map((c) => c.field))).toEqual([
			['active'],
			['retailPrice'],
			expect.any(Array)
		]);
		expect(h[1]!.changes[0]).toMatchObject({ from: 19900, to: 17900, concurrent: false });
	});

	it('[MD10] a field emptied in the form is cleared; required fields, codes and fields not on the form stay', async () => {
		const ctx = context();
		const a = await saveProduct(ctx, null, jeans({ spec: '32码', memberPrice: '179' }));
		if (!a.ok) throw new Error('not saved');
		const id = a.value.id;
		await setActive(ctx, 'product', id, false);
		const code = String(ctx.ledger.values('product', id).code);
		const r = await saveProduct(
			ctx,
			id,
			jeans({ code, spec: '', memberPrice: '', barcodes: [], units: [], active: false })
		);
		expect(r.ok && r.value.changed).toBe(4);
		const last = ctx.ledger.events.at(-1)!;
		expect(last).toMatchObject({
			type: 'product.updated',
			payload: { id, fields: {}, clear: ['spec', 'units', 'barcodes', 'memberPrice'] }
		});
		expect(ctx.ledger.values('product', id)).toEqual({
			code,
			name: '牛仔裤',
			unit: '条',
			retailPrice: 19900,
			vat: 1300,
			batchTracked: false,
			active: false
		});
		// Saving the emptied form again changes nothing.
		const again = await saveProduct(
			ctx,
			id,
			jeans({ code, spec: '', memberPrice: '', barcodes: [], units: [], active: false })
		);
		expect(again.ok && again.value.changed).toBe(0);
		// A customer's credit limit emptied: no limit any more.
		const c = await saveRecord(ctx, 'customer', null, {
			name: '王老板',
			creditLimit: '5000',
			termsDays: '30'
		});
		if (!c.ok) throw new Error('not saved');
		const cleared = await saveRecord(ctx, 'customer', c.value.id, {
			code: String(ctx.ledger.values('customer', c.value.id).code),
			name: '王老板',
			creditLimit: '',
			termsDays: '30'
		});
		expect(cleared.ok && cleared.value.changed).toBe(1);
		expect(ctx.ledger.values('customer', c.value.id).creditLimit).toBeUndefined();
		expect(ctx.ledger.values('customer', c.value.id).termsDays).toBe(30);
	});

	it('[MD6] saving compares with what the form saw: a field changed meanwhile elsewhere is not sent back', async () => {
		const ctx = context();
		const a = await saveProduct(ctx, null, jeans());
		if (!a.ok) throw new Error('not saved');
		const id = a.value.id;
		const seen = seenOf(ctx.ledger, 'product', id);
		// Another edit lands while this form is open (e.g. from another device).
		await saveProduct(ctx, id, jeans({ code: 'SP0001', retailPrice: '149' }));
		const mine = await saveProduct(ctx, id, jeans({ code: 'SP0001', spec: '32码' }), seen);
		expect(mine.ok && mine.value.changed).toBe(1);
		expect(ctx.ledger.values('product', id)).toMatchObject({ retailPrice: 14900, spec: '32码' });
		expect(ctx.ledger.alerts().filter((x) => x.kind === 'concurrent-edit')).toEqual([]);
	});

	it('[IM3] an import with a bad row records nothing; fixed, it records every row in one batch', async () => {
		const ctx = context();
		await saveProduct(ctx, null, jeans());
		const csv = '名称,单位,条码,零售价\n衬衫,件,6901234567908,59\n外套,件,6901234567892,12.3.4\n';
		const bad = await planImport(ctx.ledger, 'product', parseCsv(csv));
		expect(bad.plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[3, '条码', 'barcodeTaken'],
			[3, '零售价', 'price']
		]);
		expect((await applyImport(ctx, bad)).ok).toBe(false);
		expect(ctx.ledger.size).toBe(1);
		const good = await planImport(
			ctx.ledger,
			'product',
			parseCsv(csv.replace('6901234567892,12.3.4', '6901234567915,129'))
		);
		const r = await applyImport(ctx, good);
		expect(r).toEqual({ ok: true, value: { events: 2 } });
		expect(ctx.ledger.records('product')).toHaveLength(3);
		// [IM4] the export of the ledger imports back to the same products.
		const sheet = parseCsv(writeCsv(exportSheet(ctx.ledger, 'product', 'zh')));
		const other = context();
		const again = await applyImport(other, await planImport(other.ledger, 'product', sheet));
		expect(again.ok).toBe(true);
		expect(exportSheet(other.ledger, 'product', 'zh')).toEqual(exportSheet(ctx.ledger, 'product', 'zh'));
		// [IM6] Importing the same export again changes nothing; a sheet of codes and prices reprices.
		const same = await planImport(ctx.ledger, 'product', sheet);
		expect(same.kind === 'product' && [same.plan.drafts.length, same.plan.updates.length]).toEqual([0, 0]);
		expect((await applyImport(ctx, same)).ok).toBe(false);
		const code = String(ctx.ledger.values('product', ctx.ledger.records('product')[0]!.id).code);
		const reprice = await planImport(ctx.ledger, 'product', [
			['编码', '零售价'],
			[code, '88.8']
		]);
		const size = ctx.ledger.size;
		expect(await applyImport(ctx, reprice)).toEqual({ ok: true, value: { events: 1 } });
		expect(ctx.ledger.size).toBe(size + 1);
		const id = ctx.ledger.records('product')[0]!.id;
		expect(ctx.ledger.values('product', id).retailPrice).toBe(8880);
		expect(ctx.ledger.events.at(-1)).toMatchObject({
			type: 'product.updated',
			payload: { id, fields: { retailPrice: 8880 } }
		});
	});

	it('[IM5] opening stock, receivables, payables and cash', async () => {
		const ctx = context();
		const b = await saveRecord(ctx, 'branch', null, { code: 'B01', name: '总店' });
		if (!b.ok) throw new Error('branch');
		// A branch's code is its id: it names the partitions and stands in document numbers.
		expect(b.value.id).toBe('B01');
		const auto = await saveRecord(ctx, 'branch', null, { name: '城东店' });
		expect(auto.ok && auto.value.id).toBe('MD0001');
		const w = await saveRecord(ctx, 'warehouse', null, { name: '主仓', branch: b.value.id });
		const c = await saveRecord(ctx, 'customer', null, { name: '王老板' });
		const acc = await saveRecord(ctx, 'account', null, { name: '现金', kind: 'cash' });
		const p = await saveProduct(ctx, null, jeans());
		if (!w.ok || !c.ok || !p.ok || !acc.ok) throw new Error('setup');
		expect(ctx.ledger.values('customer', c.value.id)).toMatchObject({ code: 'KH0001', active: true });
		const bad = await recordOpeningStock(ctx, [
			{ product: 'SP0001', warehouse: '主仓', qty: '2', unit: '盒', cost: '80', batch: '', expiry: '' }
		]);
		expect(bad.ok).toBe(false);
		const r = await recordOpeningStock(ctx, [
			{ product: 'SP0001', warehouse: '主仓', qty: '2', unit: '箱', cost: '1600', batch: '', expiry: '' }
		]);
		expect(r.ok).toBe(true);
		expect(ctx.ledger.stockOf(p.value.id, w.value.id)).toMatchObject({
			onHand: 40000,
			value: 320000,
			unitCost: 8000
		});
		expect(
			(await recordOpeningBalance(ctx, { party: 'customer', id: c.value.id, amount: '1,200.50', due: '' })).ok
		).toBe(true);
		expect(ctx.ledger.balanceOf('customer', c.value.id)).toBe(120050);
		expect(
			(await recordOpeningBalance(ctx, { party: 'account', id: acc.value.id, amount: '500', due: '' })).ok
		).toBe(true);
		expect(ctx.ledger.cash()).toEqual([{ account: acc.value.id, balance: 50000 }]);
		const sheet = exportSheet(ctx.ledger, 'opening', 'zh');
		expect(sheet[1]).toEqual(['SP0001', '牛仔裤', '主仓', '40', '条', '80.00', '3200.00', '', '']);
	});
});
