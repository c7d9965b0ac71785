import { describe, expect, it } from 'vitest';
import { Ledger } from '../ledger';
import type { AnyEvent } from '../event';
import type { EventType, PayloadOf } from '../catalogue';
import { EventFactory } from '../../../../tests/factories/events';
import { initialOf, pinyinInitials } from './pinyin';
import { matchesKey, matchRank, queryParts, searchKey } from './search';
import { WedgeScanner } from './scanner';
import {
	changedFields,
	checkProduct,
	EMPTY_PRODUCT,
	emptyIndex,
	productIndex,
	productInput,
	type ProductInput
} from './product';
import { recordHistory } from './history';
import { checkRecord, codeIndex } from './record';
import { parseCategory, parseVat } from './fields';

const product = (patch: Partial<ProductInput> = {}): ProductInput => ({
	...EMPTY_PRODUCT,
	name: '牛仔裤',
	unit: '条',
	...patch
});

const factory = new EventFactory();
function ev<T extends EventType>(type: T, payload: PayloadOf<T>, device = 'T1', user = 'u1'): AnyEvent {
	return factory.make(type, payload, { device, user, branch: '' }) as AnyEvent;
}

describe('pinyin initials', () => {
	it('[MD8] 牛仔裤 → nzk, digits and letters kept, unknown characters dropped', () => {
		expect(pinyinInitials('牛仔裤')).toBe('nzk');
		expect(pinyinInitials('可口可乐500ml')).toBe('kkkl500ml');
		expect(pinyinInitials('服装/裤装')).toBe('fzkz');
		expect(initialOf('啊')).toBe('a');
		expect(initialOf('座')).toBe('z');
		expect(initialOf('😀')).toBe('');
	});
});

describe('product search', () => {
	const p = {
		code: 'SP0007',
		name: '牛仔裤',
		spec: '32码',
		category: '服装/裤装',
		barcodes: ['6901234567892']
	};
	const key = searchKey(p);
	it('[MD8] finds by name, pinyin initials, code and barcode; every word must match', () => {
		for (const q of ['牛仔', 'nzk', 'NZK', 'sp0007', '6901234567892', '32码', 'fzkz', 'nz 裤装'])
			expect(matchesKey(key, queryParts(q)), q).toBe(true);
		for (const q of ['xyz', 'nzk 衬衫', '690123456789X'])
			expect(matchesKey(key, queryParts(q)), q).toBe(false);
	});
	it('[MD8] ranks an exact code or barcode first, then name prefix, then initials', () => {
		expect(matchRank(p, key, '6901234567892')).toBe(0);
		expect(matchRank(p, key, '牛')).toBe(1);
		expect(matchRank(p, key, 'nz')).toBe(2);
		expect(matchRank(p, key, '裤')).toBe(3);
	});
});

describe('keyboard-wedge scanner', () => {
	it('[MD9] a fast burst ended by Enter is a scan; typing by hand is not', () => {
		const s = new WedgeScanner();
		let t = 1000;
		let code: string | null = null;
		for (const k of '6901234567892') code = s.feed(k, (t += 8)) ?? code;
		expect(code).toBeNull();
		expect(s.feed('Enter', (t += 8))).toBe('6901234567892');
		for (const k of '690123') s.feed(k, (t += 180));
		expect(s.feed('Enter', (t += 150))).toBeNull();
		for (const k of '123') s.feed(k, (t += 5));
		expect(s.feed('Enter', t + 5)).toBeNull(); // too short for a barcode
	});
});

describe('checkProduct', () => {
	it('[MD1][MD2] name and unit required, prices to fen, VAT rate legal', () => {
		const r = checkProduct(
			product({ name: ' ', unit: '', retailPrice: '12.3.4', purchasePrice: '-1', vat: '7' }),
			{
				index: emptyIndex()
			}
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toMatchObject({
			name: { code: 'required' },
			unit: { code: 'required' },
			retailPrice: { code: 'price' },
			purchasePrice: { code: 'price' },
			vat: { code: 'vat' }
		});
		const good = checkProduct(product({ retailPrice: '¥1,299.5', vat: '9%', category: '服装 > 裤装' }), {
			index: emptyIndex()
		});
		expect(good.ok && good.fields).toMatchObject({ retailPrice: 129950, vat: 900, category: '服装/裤装' });
	});

	it('[MD3] extra units need an integer factor ≥ 2 and a name not used twice', () => {
		const r = checkProduct(
			product({
				unit: '个',
				units: [
					{ name: '盒', factor: '12' },
					{ name: '箱', factor: '1.5' },
					{ name: '个', factor: '3' },
					{ name: '', factor: '' }
				]
			}),
			{ index: emptyIndex() }
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['units.1.factor', 'units.2.name']);
		expect(r.errors['units.2.name']).toEqual({ code: 'unitRepeated', params: { unit: '个' } });
		const ok = checkProduct(
			product({
				unit: '个',
				units: [
					{ name: '盒', factor: '12' },
					{ name: '箱', factor: '144' }
				]
			}),
			{
				index: emptyIndex()
			}
		);
		expect(ok.ok && ok.fields.units).toEqual([
			{ name: '盒', factor: 12 },
			{ name: '箱', factor: 144 }
		]);
	});

	it('[MD4][MD6] a barcode or code another product holds is refused naming it; its own are not', () => {
		const index = productIndex([
			{ id: 'P1', values: { code: 'A1', name: '冰红茶', barcodes: ['6901234567892'] } }
		]);
		const r = checkProduct(
			product({ code: 'A1', barcodes: ['12345678', '6901234567892', '12345678', '12ab'] }),
			{ index }
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			code: { code: 'codeTaken', params: { code: 'A1', name: '冰红茶' } },
			'barcodes.1': { code: 'barcodeTaken', params: { code: '6901234567892', name: '冰红茶' } },
			'barcodes.2': { code: 'barcodeRepeated', params: { code: '12345678' } },
			'barcodes.3': { code: 'barcode' }
		});
		expect(checkProduct(product({ code: 'A1', barcodes: ['6901234567892'] }), { index, self: 'P1' }).ok).toBe(
			true
		);
	});

	it('[MD5] safety stock: min ≤ max, a known warehouse, once each', () => {
		const r = checkProduct(
			product({
				safety: [
					{ warehouse: 'W1', min: '10', max: '5' },
					{ warehouse: 'W9', min: '1', max: '' },
					{ warehouse: 'W1', min: '1', max: '' }
				]
			}),
			{ index: emptyIndex(), warehouses: new Set(['W1']) }
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toMatchObject({
			'safety.0.max': { code: 'safetyRange' },
			'safety.1.warehouse': { code: 'unknownWarehouse' },
			'safety.2.warehouse': { code: 'warehouseRepeated' }
		});
		const ok = checkProduct(product({ safety: [{ warehouse: 'W1', min: '2.5', max: '100' }] }), {
			index: emptyIndex(),
			warehouses: new Set(['W1'])
		});
		expect(ok.ok && ok.fields.safety).toEqual({ W1: { min: 2500, max: 100000 } });
	});

	it('productInput is the inverse of checkProduct, and changedFields sends only what changed', () => {
		const input = product({
			code: 'K1',
			units: [{ name: '箱', factor: '20' }],
			barcodes: ['6901234567892'],
			retailPrice: '199.00',
			vat: '13',
			safety: [{ warehouse: 'W1', min: '5', max: '50' }],
			batchTracked: true,
			shelfLifeDays: '365'
		});
		const r = checkProduct(input, { index: emptyIndex() });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const back = checkProduct(productInput(r.fields), { index: emptyIndex() });
		expect(back.ok && back.fields).toEqual(r.fields);
		expect(
			changedFields(r.fields, { ...r.fields, retailPrice: 18900, units: [{ factor: 20, name: '箱' }] })
		).toEqual({
			retailPrice: 18900
		});
		expect(changedFields({ name: 'a' }, { name: 'a', barcodes: [] })).toEqual({});
	});
});

describe('fields', () => {
	it('parses VAT as percent or fraction, and category paths', () => {
		expect(parseVat('13')).toEqual({ ok: true, value: 1300 });
		expect(parseVat('0.09')).toEqual({ ok: true, value: 900 });
		expect(parseVat('0')).toEqual({ ok: true, value: 0 });
		expect(parseVat('12').ok).toBe(false);
		expect(parseCategory(' 服装／ 裤装 /')).toEqual({ ok: true, value: '服装/裤装' });
	});
});

describe('checkRecord', () => {
	it('[MD6] suppliers and customers: name required, phones, days, money, code unique', () => {
		const codes = codeIndex([{ id: 'S1', values: { code: 'GYS1', name: '杭州纺织' } }]);
		const r = checkRecord(
			'customer',
			{
				code: 'GYS9',
				name: '',
				phones: '138-0000-0000;abc',
				termsDays: '400',
				creditLimit: '1.234',
				tier: 'vip'
			},
			{ codes }
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['creditLimit', 'name', 'phones', 'termsDays', 'tier']);
		const s = checkRecord('supplier', { code: 'GYS1', name: '新供应商' }, { codes });
		expect(!s.ok && s.errors.code).toEqual({ code: 'codeTaken', params: { code: 'GYS1', name: '杭州纺织' } });
		const c = checkRecord(
			'customer',
			{ name: '王老板', phones: '13800000000 0571-8888', discountBp: '5', creditLimit: '5000' },
			{ codes }
		);
		expect(c.ok && c.fields).toEqual({
			name: '王老板',
			phones: ['13800000000', '0571-8888'],
			discountBp: 500,
			creditLimit: 500000
		});
	});
});

describe('recordHistory', () => {
	it('[MD7] lists who changed which field from what to what, when and on which device', () => {
		const l = new Ledger();
		const created = ev(
			'product.created',
			{ id: 'P1', fields: { name: '牛仔裤', unit: '条', retailPrice: 19900 } },
			'T1',
			'alice'
		);
		l.add([created]);
		const base = l.record('product', 'P1')!.version;
		const up = ev('product.updated', { id: 'P1', fields: { retailPrice: 17900 }, base }, 'T2', 'bob');
		l.add([up]);
		const h = recordHistory(l.record('product', 'P1'));
		expect(h).toHaveLength(2);
		expect(h[0]).toMatchObject({ event: up.id, user: 'bob', device: 'T2', created: false });
		expect(h[0]!.changes).toEqual([
			{ field: 'retailPrice', from: 19900, to: 17900, superseded: false, concurrent: false }
		]);
		expect(h[1]).toMatchObject({ event: created.id, user: 'alice', device: 'T1', created: true });
		expect(h[1]!.changes.map((c) => c.field)).toEqual(['name', 'retailPrice', 'unit']);
		expect(h[1]!.changes.find((c) => c.field === 'retailPrice')).toMatchObject({
			from: undefined,
			superseded: true
		});
	});

	it('[MD7] a concurrent edit shows as concurrent, and the loser stays in the history', () => {
		const l = new Ledger();
		l.add([ev('product.created', { id: 'P1', fields: { name: 'A', unit: '个' } })]);
		const base = l.record('product', 'P1')!.version;
		const a = ev('product.updated', { id: 'P1', fields: { name: 'B' }, base }, 'T1');
		const b = ev('product.updated', { id: 'P1', fields: { name: 'C' }, base }, 'T2');
		l.add([b, a]);
		const h = recordHistory(l.record('product', 'P1'));
		expect(h[0]!.changes[0]).toMatchObject({ from: 'B', to: 'C', concurrent: true, superseded: false });
		expect(h[1]!.changes[0]).toMatchObject({ from: 'A', to: 'B', superseded: true });
	});

	it('[MD4] two devices giving one barcode to two products offline: a duplicate-barcode alert names both', () => {
		const l = new Ledger();
		l.add([
			ev(
				'product.created',
				{ id: 'P1', fields: { name: 'A', unit: '个', barcodes: ['6901234567892'] } },
				'T1'
			),
			ev(
				'product.created',
				{ id: 'P2', fields: { name: 'B', unit: '个', barcodes: ['6901234567892'] } },
				'T2'
			)
		]);
		const alert = l.alerts().find((a) => a.kind === 'duplicate-barcode');
		expect(alert?.facts).toEqual({ barcode: '6901234567892', products: 'P1, P2' });
	});
});
