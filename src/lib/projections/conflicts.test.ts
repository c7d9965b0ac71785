import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivals } from '../../../tests/factories/arrivals';
import { historyOf, historyParams, seededRandom } from '../../../tests/factories/business';
import { deriveAll, Ledger } from '../domain/ledger';
import { RELAY_USER } from '../domain/derive/permissions';
import { EventFactory } from '../../../tests/factories/events';
import { conflictCards, urgentCount } from './conflicts';
import { masterNames } from './names';

const U = 1000;

/** Two warehouses with kettles; a counter sale oversells W1 while W2 and W3 hold stock. */
function oversold() {
	const f = new EventFactory();
	const master = [
		f.make('warehouse.created', { id: 'W1', fields: { name: '门店' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '总仓' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W3', fields: { name: '二仓' } }, { branch: '' }),
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '电水壶', unit: '台', safety: { W2: { min: 50 * U } } } },
			{ branch: '' }
		)
	];
	let no = 0;
	const stock = (wh: string, q: number) =>
		f.make('opening.stock', { no: ++no, wh, lines: [{ p: 'P1', q, value: q * 10 }] });
	const sale = f.make('sales.counter.posted', {
		no: 1,
		wh: 'W1',
		lines: [{ p: 'P1', q: 2 * U, amount: 3_000, vat: 0 }],
		tenders: [{ account: 'CASH', amount: 3_000 }]
	});
	return { f, events: [...master, stock('W3', 4 * U), stock('W2', 7 * U), stock('W1', U), sale], sale };
}

describe('conflict cards', () => {
	it('name the events behind an oversell and offer the warehouses that hold the product', () => {
		const { events, sale } = oversold();
		const ledger = deriveAll(events);
		const cards = conflictCards(ledger, masterNames(ledger));
		// The contradiction first, the safety-stock notice (W2 holds 7 of at least 50) after it.
		expect(cards.map((c) => [c.kind, c.urgent])).toEqual([
			['oversell', true],
			['below-safety', false]
		]);
		const [card] = cards;
		expect(card!.events).toEqual([expect.objectContaining({ id: sale.id })]);
		expect(card!.resolution).toEqual({
			kind: 'adjust',
			product: 'P1',
			warehouse: 'W1',
			branch: '',
			qty: U,
			unit: '台',
			// Every other warehouse with some available, in warehouse order.
			sources: [
				{ warehouse: '总仓', available: 7 * U },
				{ warehouse: '二仓', available: 4 * U }
			]
		});
		expect(urgentCount(ledger)).toBe(1);
	});

	it('name a product with its spec (else its code), so that products of one name stay apart', () => {
		const f = new EventFactory();
		const hinge = (id: string, fields: Record<string, unknown>) =>
			f.make(
				'product.created',
				{ id, fields: { name: '不锈钢合页', unit: '个', safety: { W1: { min: U } }, ...fields } },
				{ branch: '' }
			);
		const ledger = deriveAll([
			f.make('warehouse.created', { id: 'W1', fields: { name: '门店' } }, { branch: '' }),
			hinge('P1', { code: 'WJ01', spec: '4寸' }),
			hinge('P2', { code: 'WJ02', spec: '40mm' }),
			hinge('P3', { code: 'WJ03' }),
			hinge('P4', {})
		]);
		const products = conflictCards(ledger, masterNames(ledger)).map((c) => c.facts.product?.value);
		expect(products.sort()).toEqual(['不锈钢合页', '不锈钢合页 40mm', '不锈钢合页 4寸', '不锈钢合页 WJ03']);
	});

	it('say which goods a transfer arrived short of, how many, and what they were worth', () => {
		const f = new EventFactory();
		const before = [
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
			f.make('warehouse.created', { id: 'W2', fields: { name: '门店' } }, { branch: '' }),
			f.make(
				'product.created',
				{ id: 'P1', fields: { name: '毛巾', unit: '条', spec: '70×140cm' } },
				{ branch: '' }
			),
			f.make('product.created', { id: 'P2', fields: { name: '散装大米', unit: 'kg' } }, { branch: '' }),
			f.make('opening.stock', {
				no: 1,
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 10 * U, value: 100_00 },
					{ p: 'P2', q: 10 * U, value: 60_00 }
				]
			})
		];
		const shipped = f.make('stock.transfer.shipped', {
			no: 7,
			from: 'W1',
			to: 'W2',
			lines: [
				{ p: 'P1', q: 3 * U },
				{ p: 'P2', q: 1500 }
			]
		});
		const received = f.make('stock.transfer.received', {
			ref: shipped.id,
			lines: [{ line: 0, q: 2 * U }],
			final: true
		});
		const ledger = deriveAll([...before, shipped, received]);
		const [card] = conflictCards(ledger, masterNames(ledger)).filter((c) => c.kind === 'transfer-short');
		// One towel (¥10.00) and the 1.5 kg of rice (¥9.00) never arrived.
		expect(card!.facts.short).toEqual({ kind: 'text', value: '毛巾 70×140cm 1 条、散装大米 1.5 kg' });
		expect(card!.facts.value).toEqual({ kind: 'money', value: 19_00 });
		expect(card!.facts.transfer?.value).toBe(ledger.document(shipped.id)!.number);
	});

	it('say how much more than ordered was received, of what, on which order', () => {
		const f = new EventFactory();
		const master = [
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
			f.make('supplier.created', { id: 'S1', fields: { name: '甲' } }, { branch: '' }),
			f.make('product.created', { id: 'P1', fields: { name: '毛巾', unit: '条' } }, { branch: '' })
		];
		const po = f.make('purchase.order.placed', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 10 * U, amount: 100_00, vat: 0 }],
			approval: false
		});
		const receipt = f.make('purchase.receipt.posted', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			order: po.id,
			lines: [{ p: 'P1', q: 12 * U, amount: 120_00, vat: 0, line: 0 }]
		});
		const ledger = deriveAll([...master, po, receipt]);
		const [card] = conflictCards(ledger, masterNames(ledger)).filter((c) => c.kind === 'over-receipt');
		expect(card!.facts).toMatchObject({
			order: { kind: 'text', value: ledger.document(po.id)!.number },
			product: { kind: 'text', value: '毛巾' },
			ordered: { kind: 'qty', value: 10 * U, unit: '条' },
			received: { kind: 'qty', value: 12 * U, unit: '条' }
		});
	});

	it('count no urgent conflict where there are only notices', () => {
		const { events } = oversold();
		const ledger = deriveAll(events.slice(0, -1));
		expect(conflictCards(ledger, masterNames(ledger)).map((c) => c.kind)).toEqual(['below-safety']);
		expect(urgentCount(ledger)).toBe(0);
	});

	it('kept notice cards equal cards built afresh, after every batch of every arrival order', () => {
		let notices = 0;
		fc.assert(
			fc.property(
				historyParams({ minOps: 20, maxOps: 100 }),
				fc.constantFrom('shuffled', 'late', 'reversed', 'in-order' as const),
				fc.integer(),
				({ seed, ops, turbulent }, order, orderSeed) => {
					const h = historyOf({ seed, ops, turbulent });
					// One names object throughout, so kept cards are reused between batches.
					const names = masterNames(deriveAll(h.events));
					const l = new Ledger();
					for (const batch of arrivals(h.events, order, seededRandom(orderSeed))) {
						l.add(batch);
						const cards = conflictCards(l, names);
						notices += cards.filter((c) => !c.urgent).length;
						expect(cards).toEqual(conflictCards(deriveAll(l.events), names));
					}
				}
			),
			// A fixed seed: notices come from few histories, and an unlucky draw of 30 had none at all (a
			// clean-clone run of 2026-11-23), which made the check below fail by chance; 30 runs of this seed had
			// none either once the histories could hold expenses (2026-11-24), so 60.
			{ numRuns: 60, seed: 3 }
		);
		expect(notices).toBeGreaterThan(0);
	});

	it('count, with or without the alerts derived first, the urgent cards there are, after every batch', () => {
		fc.assert(
			fc.property(
				historyParams({ minOps: 20, maxOps: 100 }),
				fc.integer(),
				({ seed, ops, turbulent }, order) => {
					const rng = seededRandom(order);
					const l = new Ledger();
					for (const batch of arrivals(historyOf({ seed, ops, turbulent }).events, 'late', rng)) {
						l.add(batch);
						// Asked first (derived apart), or after the cards (counted from the alerts).
						const first = rng.chance(0.5) ? urgentCount(l) : null;
						const urgent = conflictCards(l, masterNames(l)).filter((c) => c.urgent).length;
						expect(first ?? urgentCount(l)).toBe(urgent);
					}
				}
			),
			{ numRuns: 30 }
		);
	});
});

describe('master names', () => {
	it("name users after the relay's role events, the latest one winning", () => {
		const f = new EventFactory();
		const grant = (name: string) =>
			f.make(
				'user.roles.set',
				{ user: 'u7', name, roles: ['sales'], branches: [] },
				{ user: RELAY_USER, branch: '' }
			);
		const ledger = deriveAll([grant('小王'), grant('王小明')]);
		expect(masterNames(ledger).users.get('u7')).toBe('王小明');
	});
});
