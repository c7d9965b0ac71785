/**
 * Derivation is a pure function of the set of events (DESIGN §1, §3; D1–D4).
 *
 *   [P4] Incremental derivation equals full replay for any arrival order: a history, shuffled, delayed
 *        or reversed, and added batch by batch to one Ledger, derives after every batch exactly what
 *        `deriveAll` derives from the events arrived so far (`snapshot({ full: true })`: stock, costs,
 *        balances, cash, alerts, rejections, quarantines, batches, every document and every field
 *        version). With an undo log of 0–3 days (D3) the full-replay fallback is taken as well.
 *   [P5] Derivation is independent of delivery order: two ledgers fed different permutations, in
 *        different batches, with duplicates, agree; adding known events again changes nothing.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compareEvents, type AnyEvent } from '../../src/lib/domain/event';
import { blockingRefs } from '../../src/lib/domain/derive/void-plan';
import { deriveAll, Ledger, type AddResult, type LedgerSnapshot } from '../../src/lib/domain/ledger';
import { DAY0, EventFactory } from '../factories/events';
import { arrivals, type ArrivalOrder } from '../factories/arrivals';
import {
	historyOf,
	historyParams,
	CUSTOMERS,
	PRODUCTS,
	SUPPLIERS,
	seededRandom,
	U,
	WAREHOUSES,
	type OpKind
} from '../factories/business';
import { compareUpToKnownBugs } from './known-bugs';
import { FC_PARAMS, RUNS } from './runs';

/** Known bugs (known-bugs.ts) that made two snapshots differ, and how often. */
const tolerated = new Map<string, number>();

/** The two snapshots agree, strictly, or up to a known bug (counted and reported). */
function expectSameDerivation(actual: LedgerSnapshot, expected: LedgerSnapshot, message: string): void {
	const known = compareUpToKnownBugs(actual, expected);
	for (const id of known.bugs) tolerated.set(id, (tolerated.get(id) ?? 0) + 1);
	if (!known.same) expect(actual, message).toEqual(expected);
}

/** A shop's mix of operations (see the D13 property). */
const SHOP: Partial<Record<OpKind, number>> = {
	'counter-sale': 20,
	receipt: 8,
	'transfer-ship': 6,
	'transfer-receive': 6,
	stocktake: 4,
	adjust: 3,
	'sales-order': 1,
	'sales-order-decision': 1,
	delivery: 1,
	'sales-return': 1,
	void: 1
};

const orders = fc.constantFrom<ArrivalOrder>('shuffled', 'late', 'reversed', 'in-order');
/** Days the undo log covers (D3): 0 and 1 force the full-replay fallback often; 62 is the default. */
const windows = fc.constantFrom(0, 1, 3, 62);

describe('derivation', () => {
	afterAll(() => {
		if (tolerated.size > 0) console.log(`[P4/P5] known bugs tolerated: ${JSON.stringify([...tolerated])}`);
	});

	it('[P4][D1][D2][D3] incremental == full replay after every batch, for any arrival order and undo horizon', () => {
		const modes = new Map<AddResult['mode'], number>();
		fc.assert(
			fc.property(
				historyParams({ maxOps: 100 }),
				orders,
				fc.integer(),
				windows,
				({ seed, ops, turbulent }, order, orderSeed, undoDays) => {
					const h = historyOf({ seed, ops, turbulent });
					const ctx = `seed ${seed} ops ${ops}${turbulent ? ' turbulent' : ''} ${order} ${orderSeed} undo ${undoDays} days`;
					const l = new Ledger({ undoDays });
					const arrived: AnyEvent[] = [];
					const batches = arrivals(h.events, order, seededRandom(orderSeed));
					for (const [i, batch] of batches.entries()) {
						const r = l.add(batch);
						modes.set(r.mode, (modes.get(r.mode) ?? 0) + 1);
						arrived.push(...batch);
						// Every batch near the end, every few before: the full comparison is the costly part.
						if (i >= batches.length - 3 || i % 4 === 0)
							expectSameDerivation(
								l.snapshot({ full: true }),
								deriveAll(arrived).snapshot({ full: true }),
								`${ctx}: after batch ${i + 1}/${batches.length}`
							);
					}
				}
			),
			FC_PARAMS
		);
		// Every way of catching up was taken.
		console.log(`[P4] modes: ${JSON.stringify([...modes])}`);
		// (A re-costed counter sale, D13, is rare here: the D13 property below makes sure of it.)
		for (const mode of ['append', 'rewind', 'replay', 'none'] as const)
			expect(modes.get(mode) ?? 0, `mode ${mode} in ${JSON.stringify([...modes])}`).toBeGreaterThan(0);
	});

	it('[P5][D1][J7] two ledgers fed different permutations in different batches agree; known events change nothing', () => {
		fc.assert(
			fc.property(
				historyParams({ maxOps: 160 }),
				orders,
				orders,
				fc.integer(),
				windows,
				({ seed, ops, turbulent }, o1, o2, orderSeed, undoDays) => {
					const h = historyOf({ seed, ops, turbulent });
					const ctx = `seed ${seed} ops ${ops}${turbulent ? ' turbulent' : ''} ${o1}/${o2} ${orderSeed} undo ${undoDays} days`;
					const rng = seededRandom(orderSeed);
					const a = new Ledger({ undoDays });
					const b = new Ledger();
					for (const batch of arrivals(h.events, o1, rng)) a.add(batch);
					for (const batch of arrivals(h.events, o2, rng)) b.add(batch);
					const snap = a.snapshot({ full: true });
					expectSameDerivation(snap, b.snapshot({ full: true }), ctx);
					expect(a.add(rng.shuffle(h.events.slice())).mode, ctx).toBe('none');
					expect(a.snapshot({ full: true }), ctx).toEqual(snap);
				}
			),
			FC_PARAMS
		);
	});

	it('[P1][P2][D12] the stock ledger of every product in every warehouse sums to its stock and value, in derivation order', () => {
		fc.assert(
			fc.property(
				historyParams({ maxOps: 100 }),
				orders,
				fc.integer(),
				windows,
				(params, order, orderSeed, undoDays) => {
					const h = historyOf(params);
					const ctx = `seed ${params.seed} ops ${params.ops} ${order} ${orderSeed} undo ${undoDays} days`;
					const l = new Ledger({ undoDays });
					for (const batch of arrivals(h.events, order, seededRandom(orderSeed))) l.add(batch);
					const refused = new Set([...l.rejected(), ...l.quarantined()].map((r) => r.event));
					for (const s of l.stockLevels()) {
						const moves = l.stockMoves(s.product, s.warehouse);
						const sum = moves.reduce((a, m) => ({ q: a.q + m.q, value: a.value + m.value }), {
							q: 0,
							value: 0
						});
						expect(sum, `${ctx}: ${s.product} in ${s.warehouse}`).toEqual({
							q: s.onHand,
							value: s.value + s.variance
						});
						for (let i = 1; i < moves.length; i++)
							expect(compareEvents(moves[i - 1]!.event, moves[i]!.event), ctx).toBeLessThanOrEqual(0);
						for (const m of moves) {
							expect(refused.has(m.event.id), `${ctx}: ${m.event.id} moved stock`).toBe(false);
							expect(l.document(m.event.id)?.status, ctx).not.toBe('voided');
						}
					}
				}
			),
			FC_PARAMS
		);
	});

	it('[P6] the arrival log, the type index and document references follow the journal through appends, rewinds and replays', () => {
		const modes = new Set<AddResult['mode']>();
		fc.assert(
			fc.property(
				historyParams({ maxOps: 100 }),
				orders,
				fc.integer(),
				windows,
				fc.boolean(),
				({ seed, ops, turbulent }, order, orderSeed, undoDays, early) => {
					const h = historyOf({ seed, ops, turbulent });
					const ctx = `seed ${seed} ops ${ops}${turbulent ? ' turbulent' : ''} ${order} ${orderSeed} undo ${undoDays} days`;
					const l = new Ledger({ undoDays });
					const types = [...new Set(h.events.map((e) => e.type))];
					// Built before the first event (then kept up to date), or first asked for at the end.
					if (early) l.eventsOfType('sales.counter.posted');
					const firstArrivals = new Map<string, AnyEvent>();
					for (const batch of arrivals(h.events, order, seededRandom(orderSeed))) {
						const r = l.add(batch);
						modes.add(r.mode);
						for (const e of batch) if (!firstArrivals.has(e.id)) firstArrivals.set(e.id, e);
						const arrived = Array.from({ length: l.arrivedCount }, (_, i) => l.arrivedAt(i));
						expect(arrived, ctx).toEqual([...firstArrivals.values()]);
						if (!early && r.mode !== 'none') continue;
						for (const t of types)
							expect(l.eventsOfType(t), `${ctx}: ${t}`).toEqual(l.events.filter((e) => e.type === t));
					}
					for (const t of types)
						expect(l.eventsOfType(t), `${ctx}: ${t}`).toEqual(l.events.filter((e) => e.type === t));
					const some = types.slice(0, 3);
					const wanted = l.events.filter((e) => some.includes(e.type));
					expect(l.eventsOfTypes(some), ctx).toEqual(wanted);
					expect([...l.latestOfTypes(some)], ctx).toEqual(wanted.slice().reverse());
					for (const e of l.events) {
						const refs = blockingRefs(e);
						for (const id of refs)
							expect(l.referencing(id), `${ctx}: ${id}`).toEqual(
								l.events.filter((x) => blockingRefs(x).includes(id))
							);
					}
				}
			),
			FC_PARAMS
		);
		expect([...modes].filter((m) => m !== 'recost').sort(), 'every way of catching up').toEqual([
			'append',
			'none',
			'replay',
			'rewind'
		]);
	});

	it('[P4][D13] sales, adjustments and receipts arriving late re-cost only their stock, and derive what a full replay does', () => {
		const modes = new Map<AddResult['mode'], number>();
		fc.assert(
			fc.property(
				historyParams({ maxOps: 200 }),
				fc.integer(),
				fc.integer({ min: 1, max: 6 }),
				fc.constantFrom(0, 3, 62, 62),
				fc.constantFrom(true, true, false),
				({ seed, ops, turbulent }, orderSeed, held, undoDays, average) => {
					// Two companies in three are shops on moving average (FIFO always rewinds): mostly counter sales,
					// receipts, transfers and stocktakes, few sales orders (a reservation after the sale's place
					// rewinds too).
					const h = historyOf(
						{ seed, ops, turbulent },
						average ? { costing: 'moving-average', weights: SHOP } : {}
					);
					const ctx = `seed ${seed} ops ${ops}${turbulent ? ' turbulent' : ''}${average ? ' average' : ''} ${orderSeed} held ${held} undo ${undoDays} days`;
					const rng = seededRandom(orderSeed);
					// Some sales, deliveries, stock adjustments and receipts arrive late, one at a time, then new ones (below), then one other event (which rewinds across
					// the re-costed sales, or replays).
					const lateKinds = (e: AnyEvent) =>
						e.type === 'sales.counter.posted' ||
						e.type === 'stock.adjusted' ||
						e.type === 'purchase.receipt.posted';
					const late = rng.shuffle(h.events.filter(lateKinds)).slice(0, held);
					const others = rng.shuffle(h.events.filter((e) => !lateKinds(e)));
					const last = others.slice(0, 1);
					const withheld = new Set([...late, ...last]);
					const early = h.events.filter((e) => !withheld.has(e));
					// And walk-in sales (a receipt, a sale on credit) recorded now on another tablet, dated back into the
					// history, of any product without naming a batch (a batch-tracked product's unbatched stock
					// then moves).
					const days = h.events.map((e) => e.at);
					const first = Math.min(...days);
					const lastDay = Math.max(...days);
					const f = new EventFactory(Math.max(...h.events.map((e) => e.hlc.wall)) + 1000);
					const walkIns = Array.from({ length: held % 5 }, (_, k) => {
						const lines = rng
							.shuffle([...PRODUCTS])
							.slice(0, rng.int(1, 3))
							.map((p) => ({
								p,
								q: rng.int(1, 3) * U,
								amount: 1_000,
								vat: 1300
							}));
						const at = rng.int(first, lastDay);
						const wh = rng.pick(WAREHOUSES);
						// The second a delivery from a supplier, the third a sale on credit and the fourth a delivery to a
						// customer: each either one nobody else deals with or one the history deals with after it (D13
						// re-costs it when that party's later payments name what they settle, and so on).
						if (k === 1)
							return f.make(
								'purchase.receipt.posted',
								{
									no: k + 1,
									supplier: rng.pick(['S9', ...SUPPLIERS]),
									wh,
									lines: lines.map((l) => ({ ...l, amount: 700 * (l.q / U) }))
								},
								{ device: 'T9', user: 'u1', at }
							);
						if (k === 3)
							return f.make(
								'sales.delivery.posted',
								{ no: k + 1, customer: rng.pick(['C9', ...CUSTOMERS]), wh, lines },
								{ device: 'T9', user: 'u1', at }
							);
						const paid = k === 2 ? 500 : 1_000 * lines.length;
						return f.make(
							'sales.counter.posted',
							{
								no: k + 1,
								wh,
								lines,
								tenders: [{ account: 'CASH', amount: paid }],
								...(k === 2 ? { customer: rng.pick(['C9', ...CUSTOMERS]) } : {})
							},
							{ device: 'T9', user: 'u1', at }
						);
					});
					const l = new Ledger({ undoDays });
					const arrived = [...early];
					l.add(early);
					for (const e of [...late, ...walkIns, ...last]) {
						const r = l.add([e]);
						modes.set(r.mode, (modes.get(r.mode) ?? 0) + 1);
						arrived.push(e);
						expectSameDerivation(
							l.snapshot({ full: true }),
							deriveAll(arrived).snapshot({ full: true }),
							`${ctx}: after ${e.type} ${e.id} (${r.mode})`
						);
					}
				}
			),
			FC_PARAMS
		);
		console.log(`[P4][D13] modes: ${JSON.stringify([...modes])}`);
		expect(modes.get('recost') ?? 0, JSON.stringify([...modes])).toBeGreaterThan(RUNS / 50);
	});

	it('[P4][D8] a closing that arrives late re-dates the quarantines of a later closing', () => {
		// Found by the convergence fuzz. A sale on day 0 that no closer had seen is quarantined by both
		// closings; full replay records the first closing that covers it (through day 0). Incrementally,
		// the later closing arrived first, and when the earlier one came the ledger only looked for
		// events whose quarantine *membership* changed: the entry kept "through day 1".
		const f = new EventFactory();
		const sale = f.make(
			'sales.counter.posted',
			{
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: 1000, amount: 500, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 500 }]
			},
			{ device: 'T2', at: DAY0 }
		);
		const close1 = f.make('period.closed', { through: DAY0, seen: [] }, { branch: '', at: DAY0 + 1 });
		const close2 = f.make('period.closed', { through: DAY0 + 1, seen: [] }, { branch: '', at: DAY0 + 2 });
		const l = new Ledger();
		l.add([sale, close2]);
		l.add([close1]);
		expect(l.snapshot({ full: true })).toEqual(deriveAll([sale, close1, close2]).snapshot({ full: true }));
	});

	it('[P5][D1][V4] a refused void names the same blocking document whatever the arrival order', () => {
		// Found by the convergence fuzz. An order with two receipts cannot be voided (V4), and the
		// rejection names a receipt that "builds on it": it used to be the first in ARRIVAL order, so
		// devices that received the receipts in different orders listed different reasons.
		const f = new EventFactory();
		const line = (q: number) => ({ p: 'P1', q, amount: q * 10, vat: 0 });
		const po = f.make('purchase.order.placed', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [line(10_000)],
			approval: false
		});
		const receipt = (no: number) =>
			f.make('purchase.receipt.posted', {
				no,
				order: po.id,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ ...line(2_000), line: 0 }]
			});
		const r1 = receipt(1);
		const r2 = receipt(2);
		const v = f.make('document.voided', { ref: po.id });
		const a = new Ledger();
		for (const e of [po, r1, r2, v]) a.add([e]);
		const b = new Ledger();
		for (const e of [po, r2, r1, v]) b.add([e]);
		expect(a.rejected()).toEqual(b.rejected());
	});
});
