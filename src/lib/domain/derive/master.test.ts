/**
 * Master data (rules D5–D7 in docs/SPEC.md): every field is last-writer-wins by HLC on its own, keeps
 * its overwritten versions, and two edits of one field made without seeing each other are reported
 * once, the same way on every device.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { makeEvent, type AnyEvent } from '../event';
import { formatHlc } from '../hlc';
import { deriveAll, Ledger } from '../ledger';
import { fieldHistory, fieldValueAt } from './master';

function expectSameAsFullReplay(l: Ledger): void {
	expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
}

/** What an editor on another device saw: the record version after these events. */
function versionAfter(events: readonly AnyEvent[], kind: string, id: string): string {
	return deriveAll(events).record(kind, id)!.version;
}

function oneByOne(events: readonly AnyEvent[]): Ledger {
	const l = new Ledger();
	for (const e of events) l.add([e]);
	return l;
}

const concurrent = (l: Ledger) => l.alerts().filter((a) => a.kind === 'concurrent-edit');

function created(f: EventFactory) {
	return f.make(
		'product.created',
		{ id: 'P1', fields: { name: '螺丝 M6', retailPrice: 100, barcodes: ['6901234567892'] } },
		{ branch: '', user: 'u1', device: 'T1' }
	);
}

describe('field versions', () => {
	it('[D5] each field is last-writer-wins by HLC, independently, and keeps who overwrote what', () => {
		const f = new EventFactory();
		const c = created(f);
		const v0 = versionAfter([c], 'product', 'P1');
		const rename = f.make(
			'product.updated',
			{ id: 'P1', fields: { name: '不锈钢螺丝 M6' }, base: v0 },
			{ branch: '', user: 'u2', device: 'T2' }
		);
		const v1 = versionAfter([c, rename], 'product', 'P1');
		const reprice = f.make(
			'product.updated',
			{ id: 'P1', fields: { retailPrice: 120 }, base: v1 },
			{ branch: '', user: 'u3', device: 'T1' }
		);
		const l = deriveAll([c, rename, reprice]);
		expect(l.values('product', 'P1')).toEqual({
			name: '不锈钢螺丝 M6',
			retailPrice: 120,
			barcodes: ['6901234567892']
		});
		// Newest first, each with its author, its HLC and its event.
		const names = fieldHistory(l.record('product', 'P1'), 'name');
		expect(names.map((v) => [v.value, v.user, v.event, v.hlc])).toEqual([
			['不锈钢螺丝 M6', 'u2', rename.id, formatHlc(rename.hlc)],
			['螺丝 M6', 'u1', c.id, formatHlc(c.hlc)]
		]);
		expect(fieldHistory(l.record('product', 'P1'), 'retailPrice').map((v) => v.value)).toEqual([120, 100]);
		// The record's version is the highest HLC among its fields.
		expect(l.record('product', 'P1')!.version).toBe(formatHlc(reprice.hlc));
		expect(concurrent(l)).toEqual([]);
	});

	it('[K10] a field as it stood at an HLC: its latest version then, whatever order the versions arrived in', () => {
		const f = new EventFactory();
		const c = created(f);
		const up = f.make(
			'product.updated',
			{ id: 'P1', fields: { retailPrice: 120 } },
			{ branch: '', device: 'T2' }
		);
		const between = formatHlc(f.clock('T3').tick());
		const cleared = f.make(
			'product.updated',
			{ id: 'P1', fields: {}, clear: ['retailPrice'] },
			{ branch: '' }
		);
		// The raise arrives last, after the clearing that followed it.
		const l = oneByOne([c, cleared, up]);
		const r = l.record('product', 'P1');
		expect(fieldValueAt(r, 'retailPrice', formatHlc(c.hlc))).toBe(100);
		expect(fieldValueAt(r, 'retailPrice', between)).toBe(120);
		expect(fieldValueAt(r, 'retailPrice', formatHlc(cleared.hlc))).toBeUndefined();
		// Before the record existed, and a record that does not exist: nothing.
		expect(fieldValueAt(r, 'retailPrice', '0')).toBeUndefined();
		expect(fieldValueAt(undefined, 'retailPrice', between)).toBeUndefined();
	});

	it('[D5][MD10] an emptied field is a version: gone from the values, in the history, and LWW like a value', () => {
		const f = new EventFactory();
		const c = created(f);
		const v0 = versionAfter([c], 'product', 'P1');
		const clear = f.make(
			'product.updated',
			{ id: 'P1', fields: {}, clear: ['barcodes', 'retailPrice'], base: v0 },
			{ branch: '', user: 'u2', device: 'T2' }
		);
		// A concurrent edit of the price from the same base, later by HLC: it wins over the clearing.
		const reprice = f.make(
			'product.updated',
			{ id: 'P1', fields: { retailPrice: 150 }, base: v0 },
			{ branch: '', user: 'u3', device: 'T3' }
		);
		const l = deriveAll([c, clear, reprice]);
		expect(l.values('product', 'P1')).toEqual({ name: '螺丝 M6', retailPrice: 150 });
		expect(fieldHistory(l.record('product', 'P1'), 'barcodes').map((v) => [v.value, v.user])).toEqual([
			[undefined, 'u2'],
			[['6901234567892'], 'u1']
		]);
		expect(concurrent(l).map((a) => a.facts.field)).toEqual(['retailPrice']);
		// Any arrival order, one by one, gives the same state as a full replay.
		expectSameAsFullReplay(oneByOne([reprice, c, clear]));
		expect(oneByOne([reprice, clear, c]).values('product', 'P1')).toEqual(l.values('product', 'P1'));
		// Set again later: the value is back.
		const again = f.make('product.updated', {
			id: 'P1',
			fields: { barcodes: ['6901234567908'] },
			base: versionAfter([c, clear, reprice], 'product', 'P1')
		});
		expect(deriveAll([c, clear, reprice, again]).values('product', 'P1').barcodes).toEqual(['6901234567908']);
		// Only the kind's own fields can be named.
		const wrong = makeEvent({
			...clear,
			id: 'x1',
			payload: { id: 'P1', fields: {}, clear: ['creditLimit'] }
		} as never);
		expect(wrong).toMatchObject({ ok: false, code: 'invalid-payload' });
	});

	it('[D5] the higher HLC wins even when its event sorts earlier (an earlier business date)', () => {
		const f = new EventFactory();
		const c = f.make(
			'customer.created',
			{ id: 'C1', fields: { name: '华联', creditLimit: 100_000 } },
			{ branch: '' }
		);
		const v0 = versionAfter([c], 'customer', 'C1');
		// Recorded first (lower HLC) but dated later: it is applied last.
		const older = f.make(
			'customer.updated',
			{ id: 'C1', fields: { creditLimit: 50_000 }, base: v0 },
			{ branch: '', device: 'T2', at: DAY0 + 5 }
		);
		const newer = f.make(
			'customer.updated',
			{ id: 'C1', fields: { creditLimit: 80_000 }, base: v0 },
			{ branch: '', device: 'T1', at: DAY0 + 1 }
		);
		const l = deriveAll([c, older, newer]);
		expect(l.events.map((e) => e.id)).toEqual([c.id, newer.id, older.id]);
		expect(l.values('customer', 'C1')['creditLimit']).toBe(80_000);
		expect(fieldHistory(l.record('customer', 'C1'), 'creditLimit').map((v) => [v.value, v.event])).toEqual([
			[80_000, newer.id],
			[50_000, older.id],
			[100_000, c.id]
		]);
	});
});

describe('concurrent edits', () => {
	/** Two tablets, both having seen only the creation, rename the same product. */
	function staleRenames() {
		const f = new EventFactory();
		const c = created(f);
		const seen = versionAfter([c], 'product', 'P1');
		const onT1 = f.make(
			'product.updated',
			{ id: 'P1', fields: { name: '螺丝 M6×20' }, base: seen },
			{ branch: '', user: 'u1', device: 'T1' }
		);
		const onT2 = f.make(
			'product.updated',
			{ id: 'P1', fields: { name: '螺钉 M6' }, base: seen },
			{ branch: '', user: 'u2', device: 'T2' }
		);
		return { f, c, seen, onT1, onT2 };
	}

	it('[D6] two edits of one field from stale bases are reported once, with the same winner in either order', () => {
		const { c, onT1, onT2 } = staleRenames();
		const pair = [onT1.id, onT2.id].sort();
		const want = [
			{
				id: `concurrent-edit:${pair.join('+')}:name`,
				kind: 'concurrent-edit',
				events: pair,
				// T2 recorded its edit later: its HLC is higher, so it wins.
				facts: { record: 'product:P1', field: 'name', winner: onT2.id }
			}
		];
		const a = oneByOne([c, onT1, onT2]);
		const b = oneByOne([c, onT2, onT1]);
		expect(concurrent(a)).toEqual(want);
		expect(concurrent(b)).toEqual(want);
		expect(a.values('product', 'P1')['name']).toBe('螺钉 M6');
		expect(a.snapshot({ full: true })).toEqual(b.snapshot({ full: true }));
		expectSameAsFullReplay(b);
	});

	it('[D6] an edit made after seeing the other is not concurrent', () => {
		const { f, c, onT1 } = staleRenames();
		const sawT1 = versionAfter([c, onT1], 'product', 'P1');
		const onT2 = f.make(
			'product.updated',
			{ id: 'P1', fields: { name: '螺钉 M6' }, base: sawT1 },
			{ branch: '', user: 'u2', device: 'T2' }
		);
		const l = deriveAll([c, onT1, onT2]);
		expect(concurrent(l)).toEqual([]);
		expect(l.values('product', 'P1')['name']).toBe('螺钉 M6');
	});

	it('[D6] concurrent edits of different fields merge without a report', () => {
		const { f, c, seen, onT1 } = staleRenames();
		const price = f.make(
			'product.updated',
			{ id: 'P1', fields: { retailPrice: 150 }, base: seen },
			{ branch: '', user: 'u2', device: 'T2' }
		);
		const l = deriveAll([c, onT1, price]);
		expect(l.values('product', 'P1')).toMatchObject({ name: '螺丝 M6×20', retailPrice: 150 });
		expect(concurrent(l)).toEqual([]);
	});

	it('[D6] with three editors, each concurrent pair is reported once', () => {
		const { f, c, onT1, onT2 } = staleRenames();
		// T3 saw T1's rename but not T2's.
		const sawT1 = versionAfter([c, onT1], 'product', 'P1');
		const onT3 = f.make(
			'product.updated',
			{ id: 'P1', fields: { name: '螺丝 M6 (盒)' }, base: sawT1 },
			{ branch: '', user: 'u3', device: 'T3' }
		);
		const events = [c, onT1, onT2, onT3];
		const l = deriveAll(events);
		// T1–T2 (neither saw the other), T2–T3 (T3 did not see T2, T2 did not see T3); not T1–T3.
		expect(concurrent(l).map((a) => [a.events, a.facts['winner']])).toEqual(
			[
				[[onT1.id, onT2.id].sort(), onT2.id],
				[[onT2.id, onT3.id].sort(), onT3.id]
			].sort((x, y) => (`${x[0]}` < `${y[0]}` ? -1 : 1))
		);
		expect(oneByOne(events.slice().reverse()).snapshot({ full: true })).toEqual(l.snapshot({ full: true }));
	});
});

describe('record identity', () => {
	it('[D7] creating an existing record id, or updating an unknown one, is rejected', () => {
		const f = new EventFactory();
		const c = created(f);
		const again = f.make(
			'product.created',
			{ id: 'P1', fields: { name: '别的东西', retailPrice: 1 } },
			{ branch: '', device: 'T2' }
		);
		const ghost = f.make('product.updated', { id: 'P9', fields: { name: '?' } }, { branch: '' });
		const supplierGhost = f.make('supplier.updated', { id: 'S9', fields: { termsDays: 30 } }, { branch: '' });
		const l = deriveAll([c, again, ghost, supplierGhost]);
		expect(l.rejected().map((r) => [r.event, r.code])).toEqual(
			[
				[again.id, 'duplicate-id'],
				[ghost.id, 'unknown-record'],
				[supplierGhost.id, 'unknown-record']
			].sort()
		);
		expect(l.values('product', 'P1')).toMatchObject({ name: '螺丝 M6', retailPrice: 100 });
		expect(l.record('product', 'P9')).toBeUndefined();
		expect(l.record('product', 'P1')!.created).toBe(c.id);
	});

	it('[D7][J7] the same creation added twice is one record, not a duplicate', () => {
		const f = new EventFactory();
		const c = created(f);
		const l = new Ledger();
		l.add([c]);
		expect(l.add([c]).mode).toBe('none');
		expect(l.rejected()).toEqual([]);
		expect(l.records('product').map((r) => r.id)).toEqual(['P1']);
	});

	it('[D5] company settings need no creation and change the costing of what follows', () => {
		const f = new EventFactory();
		const s = f.make(
			'settings.updated',
			{ fields: { costing: 'fifo', companyName: '杭州某贸易' } },
			{ branch: '' }
		);
		const l = deriveAll([s]);
		expect(l.rejected()).toEqual([]);
		expect(l.values('settings', 'company')).toEqual({ costing: 'fifo', companyName: '杭州某贸易' });
	});
});
