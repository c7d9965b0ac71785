/**
 * The business generator (tests/factories/business.ts) is only as good as what it produces. These
 * checks keep it honest as the domain changes: a generator whose receipts all got rejected would make
 * every property above pass while testing nothing.
 *
 *   [G1] Over a few dozen histories every kind of operation happens, most events are valid (≤ 10 %
 *        rejected), and the situations the properties are about do arise: over-receipts and
 *        over-deliveries, short transfers, oversells, concurrent edits, voided documents of every
 *        voidable kind, quarantined events, both costing methods.
 *   [G2] The same seed gives the same history; a shorter run of a seed is a prefix of a longer one.
 */
import { describe, expect, it } from 'vitest';
import { deriveAll } from '../../src/lib/domain/ledger';
import { generateHistory, OPERATIONS, TURBULENT, VOIDABLE } from '../factories/business';

describe('business generator', () => {
	it('[G1] covers the business, mostly valid, with the conflicts the properties are about', () => {
		const types = new Set<string>();
		const alerts = new Set<string>();
		const voidedTypes = new Set<string>();
		const costing = new Set<unknown>();
		let events = 0;
		let rejected = 0;
		let quarantined = 0;
		for (let seed = 1; seed <= 60; seed++) {
			const h = generateHistory(seed, 150, seed % 3 === 0 ? { weights: TURBULENT } : {});
			const l = deriveAll(h.events);
			events += h.events.length;
			rejected += l.rejected().length;
			quarantined += l.quarantined().length;
			for (const e of h.events) {
				types.add(e.type);
				if (e.type === 'settings.updated' && e.payload.fields.costing) costing.add(e.payload.fields.costing);
			}
			for (const a of l.alerts()) alerts.add(a.kind);
			for (const d of l.documents()) if (d.status === 'voided') voidedTypes.add(d.type);
		}
		for (const op of Object.values(OPERATIONS)) expect(types, `never made: ${op.type}`).toContain(op.type);
		expect(rejected / events).toBeLessThan(0.1);
		expect(rejected).toBeGreaterThan(0);
		expect(quarantined).toBeGreaterThan(0);
		for (const kind of ['over-receipt', 'over-delivery', 'transfer-short', 'oversell', 'concurrent-edit'])
			expect(alerts, `no ${kind} alert`).toContain(kind);
		for (const t of VOIDABLE.filter((t) => t !== 'opening.stock'))
			expect(voidedTypes, `no voided ${t}`).toContain(t);
		expect([...costing].sort()).toEqual(['fifo', 'moving-average']);
	});

	it('[G2] a seed is a history: same seed, same events; fewer operations, a prefix', () => {
		const long = generateHistory(77, 120).events;
		expect(generateHistory(77, 120).events).toEqual(long);
		const short = generateHistory(77, 60).events;
		expect(long.slice(0, short.length)).toEqual(short);
	});
});
