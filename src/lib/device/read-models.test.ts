/**
 * The read-model store (Dexie in fake-indexeddb): what is saved comes back with its journal position, a
 * picture is never replaced by an older one, and rows of another schema are ignored.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Dashboard } from '../projections/dashboard';
import type { MasterNames } from '../projections/names';
import {
	covers,
	ReadModelStore,
	samePosition,
	type HeadModels,
	type JournalPosition,
	type ListModels
} from './read-models';

let n = 0;
const store = () => new ReadModelStore(`read-models-test-${n++}`);

function vector(entries: [number, number][]): Uint8Array {
	// A state vector as Yjs encodes it: built from a document with those clients and clocks.
	const doc = new Y.Doc();
	for (const [client, clock] of entries) {
		doc.clientID = client;
		doc.getArray('j').push(Array.from({ length: clock }, () => 0));
	}
	return Y.encodeStateVector(doc);
}

function position(events: number, rooms: Record<string, [number, number][]>): JournalPosition {
	return { events, rooms: Object.fromEntries(Object.entries(rooms).map(([r, v]) => [r, vector(v)])) };
}

const names: MasterNames = {
	products: new Map([
		[
			'P1',
			{
				id: 'P1',
				code: '001',
				name: '冰红茶',
				spec: '',
				category: '',
				unit: '瓶',
				barcodes: [],
				retailPrice: 350,
				purchasePrice: 200,
				vat: 13,
				active: true,
				haystack: '001 冰红茶'
			}
		]
	]),
	warehouses: new Map(),
	customers: new Map([['C1', '张三']]),
	suppliers: new Map(),
	accounts: new Map(),
	branches: new Map([['B01', '一店']]),
	users: new Map()
};

function head(sales: number): HeadModels {
	const dashboard: Dashboard = {
		today: 20000,
		sales,
		gross: 0,
		netSales: sales,
		documents: 1,
		cash: 0,
		lowStock: [],
		lowStockCount: 0,
		overStock: [],
		overStockCount: 0,
		pending: [],
		due: [],
		recent: [],
		alerts: 0,
		empty: false
	};
	return { names, dashboard, urgent: 0 };
}

const lists: ListModels = {
	stock: [],
	money: { accounts: [], cash: 0, receivables: [], payables: [], receivable: 0, payable: 0 },
	report: { days: [], top: [], revenue: 0, gross: 0 },
	stuck: { span: 90, rows: [], count: 0, value: 0 },
	expenses: { total: 0, byCategory: [], income: 0 },
	flows: {},
	outlook: {
		until: 0,
		cash: 0,
		receivable: 0,
		receivableOverdue: 0,
		payable: 0,
		payableOverdue: 0,
		expected: 0
	},
	conflicts: [],
	documents: []
};

describe('journal positions', () => {
	it('are the same when every partition has the same state, whatever the encoding order', () => {
		const a = position(10, { m: [[1, 3]], b: [[2, 7]] });
		const b = position(10, { b: [[2, 7]], m: [[1, 3]] });
		expect(samePosition(a, b)).toBe(true);
		expect(samePosition(a, position(11, { m: [[1, 3]], b: [[2, 7]] }))).toBe(false);
		expect(samePosition(a, position(10, { m: [[1, 3]], b: [[2, 8]] }))).toBe(false);
	});

	it('cover another when at least as far in every partition', () => {
		const older = position(5, { m: [[1, 3]] });
		const newer = position(9, { m: [[1, 3]], b: [[2, 4]] });
		expect(covers(newer, older)).toBe(true);
		expect(covers(older, newer)).toBe(false);
		// Same partitions, fewer events derived: a picture made before the ledger had caught up.
		expect(covers(position(4, { m: [[1, 3]] }), older)).toBe(false);
	});
});

describe('ReadModelStore', () => {
	it('gives back what was saved, Maps and state vectors included, stamped with its position', async () => {
		const s = store();
		const at = position(3, { 't/demo/master': [[1, 3]] });
		expect(await s.head('jxc:demo')).toBeNull();
		expect(await s.save('jxc:demo', at, head(1234), lists, 42)).toBe(true);
		const back = await s.head('jxc:demo');
		expect(back?.models.dashboard.sales).toBe(1234);
		expect(back?.models.names.products.get('P1')?.name).toBe('冰红茶');
		expect(back?.savedAt).toBe(42);
		expect(samePosition(back!.position, at)).toBe(true);
		expect((await s.lists('jxc:demo'))?.models.money.cash).toBe(0);
		expect(await s.head('jxc-demo:demo')).toBeNull();
		s.close();
	});

	it('never replaces a picture with an older one (another tab got further)', async () => {
		const s = store();
		const newer = position(9, { m: [[1, 3]], b: [[2, 4]] });
		const older = position(5, { m: [[1, 3]] });
		await s.save('x', newer, head(900), lists);
		expect(await s.save('x', older, head(500), lists)).toBe(false);
		expect((await s.head('x'))?.models.dashboard.sales).toBe(900);
		// Diverged positions (neither covers the other): the later save wins, the ledger decides anyway.
		const other = position(9, { m: [[1, 4]] });
		expect(await s.save('x', other, head(901), lists)).toBe(true);
		s.close();
	});

	it('drops a company on request', async () => {
		const s = store();
		await s.save('x', position(1, { m: [[1, 1]] }), head(1), lists);
		await s.clear('x');
		expect(await s.head('x')).toBeNull();
		expect(await s.lists('x')).toBeNull();
		s.close();
	});
});
