import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory, lateArrivals } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll, Ledger } from '../domain/ledger';
import { masterNames } from './names';
import { isQuiet, QUIET_MIN_DAYS, QUIET_SPAN_DAYS, quietCustomers } from './quiet-customers';

const U = 1000;

describe('[RP12] customers who have gone quiet (该回访的客户)', () => {
	const f = new EventFactory();
	const today = DAY0 + 60;
	let no = 0;
	const deliver = (customer: string, at: number, amount = 100_00) =>
		f.make(
			'sales.delivery.posted',
			{ no: ++no, customer, wh: 'W1', lines: [{ p: 'P1', q: U, amount, vat: 0 }] },
			{ at }
		);
	const counter = (customer: string, at: number, amount: number) =>
		f.make(
			'sales.counter.posted',
			{
				no: ++no,
				wh: 'W1',
				customer,
				lines: [{ p: 'P1', q: U, amount, vat: 0 }],
				tenders: [{ account: 'CASH', amount }]
			},
			{ at }
		);
	const lastOfC4 = deliver('C4', today - 3);
	const events = [
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶' } }, { branch: '' }),
		...['张记便利店', '李家超市', '王老板', '赵姐小卖部'].map((name, i) =>
			f.make('customer.created', { id: `C${i + 1}`, fields: { name } }, { branch: '' })
		),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 1000 * U, value: 1000_00 }] },
			{ at: DAY0 - 1 }
		),
		// C1 buys weekly (two documents on one day count as one day), then not for 20 days: quiet.
		...[0, 7, 14, 21, 28].map((d) => deliver('C1', DAY0 + d)),
		counter('C1', DAY0 + 28, 50_00),
		// C2 weekly too, last 5 days ago: not quiet. C3 on 3 days only: not a regular.
		...[20, 27, 34, 41, 48, 55].map((d) => deliver('C2', DAY0 + d, 10_00)),
		...[0, 10, 20].map((d) => deliver('C3', DAY0 + d)),
		// C4 every 10 days, and 3 days ago; that last one voided: 23 days since, against a gap of 10.
		...[0, 10, 20, 30, 37].map((d) => deliver('C4', DAY0 + d, 200_00)),
		lastOfC4,
		f.make('document.voided', { ref: lastOfC4.id }, { at: today })
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);

	it('regulars whose last purchase is longer ago than their habit, the most valuable first', () => {
		expect(ledger.rejected()).toEqual([]);
		expect(
			quietCustomers(ledger, names, today).map((c) => [c.name, c.lastAt, c.since, c.gap, c.days, c.amount])
		).toEqual([
			['赵姐小卖部', DAY0 + 37, 23, 10, 5, 1000_00],
			['张记便利店', DAY0 + 28, 32, 7, 5, 550_00]
		]);
		// On the day C1 last bought, nobody is quiet yet.
		expect(quietCustomers(ledger, names, DAY0 + 28)).toEqual([]);
	});

	it('a void arriving later is read: the customer’s last purchase goes back', () => {
		const l = deriveAll(events);
		const before = quietCustomers(l, names, today).find((c) => c.id === 'C4')!;
		expect(before.lastAt).toBe(DAY0 + 37);
		const last = events.find(
			(e) => e.type === 'sales.delivery.posted' && e.payload.customer === 'C4' && e.at === DAY0 + 37
		)!;
		l.add([f.make('document.voided', { ref: last.id }, { at: today })]);
		const after = quietCustomers(l, names, today).find((c) => c.id === 'C4')!;
		expect([after.lastAt, after.since, after.days, after.amount]).toEqual([DAY0 + 30, 30, 4, 800_00]);
	});

	it('the rule: more than twice the usual interval and more than a week past it', () => {
		expect(isQuiet(15, 7)).toBe(true);
		expect(isQuiet(14, 7)).toBe(false);
		expect(isQuiet(9, 1)).toBe(true);
		expect(isQuiet(8, 1)).toBe(false);
		expect(isQuiet(61, 30)).toBe(true);
	});

	it('equals a scan of the journal (random companies)', () => {
		let quiet = 0;
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 0x7fffffff }),
				fc.integer({ min: -20, max: 40 }),
				(seed, later) => {
					const h = generateHistory(seed, 150);
					const names = masterNames(h.ledger);
					// Read on a day within the history or after it, when regulars have had time to go quiet.
					const today = Math.max(...h.events.map((e) => e.at)) + later;
					const byCustomer = new Map<string, { days: Set<number>; amount: number }>();
					for (const e of h.ledger.events) {
						if (e.type !== 'sales.delivery.posted' && e.type !== 'sales.counter.posted') continue;
						const customer = e.payload.customer;
						if (!customer || e.at > today || e.at <= today - QUIET_SPAN_DAYS) continue;
						const d = h.ledger.document(e.id);
						if (!d || d.status === 'voided') continue;
						const c = byCustomer.get(customer) ?? { days: new Set<number>(), amount: 0 };
						c.days.add(e.at);
						c.amount += e.payload.lines.reduce((s, l) => s + l.amount, 0);
						byCustomer.set(customer, c);
					}
					const expected = [];
					for (const [id, c] of byCustomer) {
						if (c.days.size < QUIET_MIN_DAYS) continue;
						const days = [...c.days].sort((a, b) => a - b);
						const gaps = days
							.slice(1)
							.map((d, i) => d - days[i]!)
							.sort((a, b) => a - b);
						const gap = gaps[(gaps.length - 1) >> 1]!;
						const since = today - days[days.length - 1]!;
						if (isQuiet(since, gap)) expected.push({ id, since, gap, days: days.length, amount: c.amount });
					}
					const got = quietCustomers(h.ledger, names, today).map(({ id, since, gap, days, amount }) => ({
						id,
						since,
						gap,
						days,
						amount
					}));
					expect(got.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
						expected.sort((a, b) => (a.id < b.id ? -1 : 1))
					);
					quiet += got.length;
				}
			),
			{ numRuns: 40 }
		);
		expect(quiet).toBeGreaterThan(5);
	});

	it('read again after late events, equals a fresh derivation’s (random arrivals)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 0x7fffffff }),
				fc.double({ min: 0.2, max: 0.9, noNaN: true }),
				fc.integer({ min: 0, max: 40 }),
				(seed, cut, later) => {
					const h = generateHistory(seed, 150);
					const today = Math.max(...h.events.map((e) => e.at)) + later;
					const { early, late } = lateArrivals(h.events, cut);
					const ledger = new Ledger();
					ledger.add(early);
					const names = masterNames(h.ledger);
					quietCustomers(ledger, names, today);
					ledger.add(late);
					expect(quietCustomers(ledger, names, today)).toEqual(
						quietCustomers(deriveAll(h.events), names, today)
					);
				}
			),
			{ numRuns: 25 }
		);
	});
});
