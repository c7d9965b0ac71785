import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOMERS, generateHistory, SUPPLIERS } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { partyEvents, replayParties } from './party-replay';
import { eventsOfParty, paymentHabits, settlementsOf } from './payment-habits';

const U = 1000;

describe('[RP10] how a party pays (回款)', () => {
	const f = new EventFactory();
	const deliver = (no: number, amount: number, at: number, due: number) =>
		f.make(
			'sales.delivery.posted',
			{ no, customer: 'C1', wh: 'W1', due, lines: [{ p: 'P1', q: U, amount, vat: 0 }] },
			{ at }
		);
	const pay = (no: number, amount: number, at: number, allocations?: { ref: string; amount: number }[]) =>
		f.make(
			'payment.received',
			{ no, customer: 'C1', account: 'CASH', amount, ...(allocations ? { allocations } : {}) },
			{ at }
		);
	const d1 = deliver(1, 600_00, DAY0, DAY0 + 30);
	const d2 = deliver(2, 400_00, DAY0 + 10, DAY0 + 40);
	const events = [
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶' } }, { branch: '' }),
		f.make('customer.created', { id: 'C1', fields: { name: '张记便利店' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 100 * U, value: 100_00 }] },
			{ at: DAY0 - 1 }
		),
		d1,
		d2,
		// Day 20: ¥400 named on d2 (10 days after it, on time); day 45: ¥700, of which ¥600 pays d1
		// (45 days after it, 15 late) and ¥100 is kept ahead; day 50: a delivery of ¥100 meets that
		// credit at once (0 days).
		pay(1, 400_00, DAY0 + 20, [{ ref: d2.id, amount: 400_00 }]),
		pay(2, 700_00, DAY0 + 45),
		deliver(3, 100_00, DAY0 + 50, DAY0 + 80)
	];
	const ledger = deriveAll(events);

	it('settlements with their days; weighted days to pay, and the late part', () => {
		expect(ledger.rejected()).toEqual([]);
		const s = settlementsOf(ledger, 'customer', 'C1');
		expect(s.map((x) => [x.amount, x.at - x.itemAt, x.at - x.due])).toEqual([
			[400_00, 10, -20],
			[600_00, 45, 15],
			[100_00, 0, -30]
		]);
		const h = paymentHabits(s, DAY0, DAY0 + 60);
		expect(h.settled).toBe(1100_00);
		// (400 × 10 + 600 × 45 + 100 × 0) ÷ 1100 = 28.18… → 28.2 days.
		expect(h.daysTenths).toBe(282);
		expect([h.late, h.lateDaysTenths]).toEqual([600_00, 150]);
		// 500 of 1100 on time: 45.45 % → 4545 bp.
		expect(h.onTimeBp).toBe(4545);
		// A span with none of it.
		expect(paymentHabits(s, DAY0 + 60, DAY0 + 90)).toMatchObject({
			settled: 0,
			daysTenths: null,
			lateDaysTenths: null,
			onTimeBp: null
		});
	});

	it('a party’s own events replay as the whole journal does, and end where the ledger stands (random companies)', () => {
		let settled = 0;
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
				const h = generateHistory(seed, 150);
				const last = Math.max(...h.events.map((e) => e.at));
				for (const [kind, parties] of [
					['customer', CUSTOMERS],
					['supplier', SUPPLIERS]
				] as const) {
					const all = replayParties(h.ledger, kind, partyEvents(h.ledger, kind, last), true);
					for (const party of parties) {
						const own = replayParties(h.ledger, kind, eventsOfParty(h.ledger, kind, party), true).get(party);
						const whole = all.get(party);
						expect(own?.settlements ?? []).toEqual(whole?.settlements ?? []);
						settled += own?.settlements?.length ?? 0;
						// Where the replay ends is where the ledger stands.
						expect([...(own?.open ?? new Map<string, number>())].filter(([, v]) => v > 0).sort()).toEqual(
							h.ledger
								.openItems(kind, party)
								.map((d) => [d.id, d.open!])
								.sort()
						);
						const balance = h.ledger.balances().find((b) => b.kind === kind && b.id === party);
						expect(own?.unapplied ?? 0).toBe(balance?.unapplied ?? 0);
					}
				}
			}),
			{ numRuns: 30 }
		);
		expect(settled).toBeGreaterThan(100);
	});
});
