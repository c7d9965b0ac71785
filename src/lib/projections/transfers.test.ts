import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { transferRows, transferView } from './transfers';

const U = 1000;

function shop() {
	const f = new EventFactory();
	const master = [
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '毛巾', unit: '条', spec: '70×140cm' } },
			{ branch: '' }
		),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '城东店仓', branch: 'B02' } }, { branch: '' })
	];
	const opening = f.make(
		'opening.stock',
		{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 20 * U, value: 200_00 }] },
		{ at: DAY0 }
	);
	const first = f.make(
		'stock.transfer.shipped',
		{ no: 1, from: 'W1', to: 'W2', lines: [{ p: 'P1', q: 5 * U }] },
		{ at: DAY0 + 1 }
	);
	const closedShort = f.make(
		'stock.transfer.received',
		{ ref: first.id, lines: [{ line: 0, q: 4 * U }], final: true },
		{ at: DAY0 + 2 }
	);
	const second = f.make(
		'stock.transfer.shipped',
		{ no: 2, from: 'W1', to: 'W2', lines: [{ p: 'P1', q: 3 * U, batch: 'L1' }] },
		{ at: DAY0 + 3 }
	);
	const part = f.make(
		'stock.transfer.received',
		{ ref: second.id, lines: [{ line: 0, q: 1 * U }], final: false },
		{ at: DAY0 + 4 }
	);
	return { events: [...master, opening, first, closedShort, second, part], first, second, opening };
}

describe('transfers as the stock pages show them (I1–I3)', () => {
	it('lists those on their way first, then the rest newest first; a closed one short says so', () => {
		const s = shop();
		const l = deriveAll(s.events);
		const rows = transferRows(l, masterNames(l));
		expect(rows.map((r) => [r.id, r.status, r.fromName, r.toName, r.short])).toEqual([
			[s.second.id, 'in-transit', '总仓', '城东店仓', false],
			[s.first.id, 'received', '总仓', '城东店仓', true]
		]);
	});

	it('shows each line with what is still on its way, and nothing once closed', () => {
		const s = shop();
		const l = deriveAll(s.events);
		const names = masterNames(l);
		expect(transferView(l, names, s.second.id)!.lineViews).toEqual([
			{
				p: 'P1',
				name: '毛巾',
				detail: '70×140cm',
				unit: '条',
				batch: 'L1',
				shipped: 3 * U,
				received: 1 * U,
				inTransit: 2 * U
			}
		]);
		expect(transferView(l, names, s.first.id)!.lineViews[0]).toMatchObject({ received: 4 * U, inTransit: 0 });
		expect(transferView(l, names, s.opening.id)).toBeUndefined();
		expect(transferView(l, names, 'nope')).toBeUndefined();
	});
});
