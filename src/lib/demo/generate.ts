/**
 * The seeded demo company (project issue 2): a Hangzhou trading company with shops, a back warehouse,
 * wholesale customers and members, simulated day by day. `generateDemo` streams the journal in the
 * order it was recorded (HLC order), one event at a time, so two million events never sit in memory
 * twice. Pure TypeScript: no Node or DOM APIs, so it also runs in the browser.
 *
 * Sizes: `tiny` (tests: 2 branches, 5 weeks, one month closed), `small` (2 branches, one year, about
 * 66k events) and `large` (10 branches, three years, about two million events, every month closed).
 */
import type { AnyEvent } from '../domain/event';
import { dayFromIso, isoFromDay } from '../domain/dates';
import {
	dayOfMonth,
	financeOpen,
	localMs,
	monthOf,
	officeOpen,
	retailFactor,
	storeOpen,
	weekday
} from './calendar';
import type { DemoSize, Profile } from './model';
import {
	bankTakings,
	closePeriod,
	collectFromCustomers,
	countTill,
	sellScrap,
	takeRebate,
	payExpenses,
	paySuppliers,
	settleWallets
} from './ops-finance';
import {
	bookFoundGoods,
	refillStore,
	scheduleStocktake,
	writeOffDamage,
	writeOffExpired
} from './ops-inventory';
import {
	introduceCustomers,
	introduceProducts,
	raiseApprovalLimits,
	renegotiateTerms,
	replaceCashier,
	repriceProducts,
	reviewCredit,
	scheduleSetup
} from './ops-master';
import { replenish } from './ops-purchasing';
import { counterSale, directDelivery, placeSalesOrder } from './ops-sales';
import type { Rng } from './random';
import { Sim } from './sim';

export type { DemoSize } from './model';

export const PROFILES: Record<DemoSize, Profile> = {
	tiny: {
		size: 'tiny',
		start: '2025-11-10',
		days: 35,
		branches: 2,
		backWarehouses: 1,
		products: 40,
		suppliers: 6,
		customers: 16,
		counterPerDay: 12,
		ordersPerDay: 1,
		posDevices: [1, 2],
		closePeriods: true,
		poApprovalAbove: 250_000,
		soApprovalAbove: 300_000
	},
	small: {
		size: 'small',
		start: '2025-01-01',
		days: 365,
		branches: 2,
		backWarehouses: 1,
		products: 320,
		suppliers: 24,
		customers: 120,
		counterPerDay: 62,
		ordersPerDay: 3,
		posDevices: [1, 2],
		closePeriods: false,
		poApprovalAbove: 600_000,
		soApprovalAbove: 500_000
	},
	large: {
		size: 'large',
		start: '2023-01-01',
		days: 1096,
		branches: 10,
		backWarehouses: 4,
		products: 1350,
		suppliers: 60,
		customers: 420,
		counterPerDay: 128,
		ordersPerDay: 4,
		posDevices: [1, 3],
		closePeriods: true,
		poApprovalAbove: 3_000_000,
		soApprovalAbove: 1_500_000
	}
};

export interface DemoOptions {
	size: DemoSize;
	/** Same seed, same company, same journal. Default 1. */
	seed?: number;
	/** Validate every event through makeEvent while generating (slower; for tests). */
	validate?: boolean;
}

/** Minutes after midnight of a counter sale: a lunch peak, a bigger evening peak, open 08:30–21:30. */
function counterMinute(rng: Rng): number {
	const r = rng.next();
	const m = r < 0.3 ? 510 + rng.next() * 780 : r < 0.55 ? 720 + rng.normal() * 60 : 1110 + rng.normal() * 90;
	return Math.min(1289, Math.max(510, m));
}

function planDay(sim: Sim, day: number): void {
	const { rng, company: co, profile } = sim;
	const store = storeOpen(day);
	const office = officeOpen(day);
	const finance = financeOpen(day);
	const wd = weekday(day);
	const dom = dayOfMonth(day);
	const span = profile.days;

	sim.atLocal(day, 8, 5, () => {
		introduceProducts(sim);
		introduceCustomers(sim);
	});
	if (day === sim.firstDay + Math.floor(span * 0.55) && span > 100) {
		const b = co.branches[1] ?? co.branches[0]!;
		sim.at(localMs(day, 7, 0), () => replaceCashier(sim, b, 0));
	}
	if (office) {
		if (dom <= 3 && !sim.repricedMonth.has(monthKey(day))) {
			sim.repricedMonth.add(monthKey(day));
			sim.atLocal(day, 9, 0, () => repriceProducts(sim));
			if ([1, 4, 7, 10].includes(monthOf(day))) sim.atLocal(day, 11, 0, () => reviewCredit(sim));
		}
		if (rng.chance(1 / 45)) sim.atLocal(day, 14, 0, () => renegotiateTerms(sim));
		if (day === sim.firstDay + Math.floor(span * 0.4) && span > 100)
			sim.atLocal(day, 9, 30, () => raiseApprovalLimits(sim));
	}

	for (const b of co.branches) {
		if (store && b.store !== b.stock) sim.atLocal(day, 8, rng.int(0, 20), () => refillStore(sim, b));
		if (office) sim.atLocal(day, 10, rng.int(0, 30), () => replenish(sim, b));
		if (store) {
			const n = rng.poisson(profile.counterPerDay * b.scale * retailFactor(day, sim.firstDay));
			for (let i = 0; i < n; i++) {
				const till = rng.int(0, b.pos.length - 1);
				const minute = counterMinute(rng);
				sim.at(localMs(day, 0, 0) + Math.floor(minute * 60_000), () => counterSale(sim, b, till));
			}
			for (let i = rng.poisson(0.12); i > 0; i--)
				sim.atLocal(day, rng.int(10, 20), rng.int(0, 59), () => writeOffDamage(sim, b));
			for (let i = rng.poisson(0.02); i > 0; i--)
				sim.atLocal(day, rng.int(10, 17), rng.int(0, 59), () => bookFoundGoods(sim, b));
			if (dom === 28) for (const w of b.warehouses) scheduleStocktake(sim, w);
			// Not `atLocal`: its second is a draw, and the counts draw only from their own stream.
			sim.at(localMs(day, 21, 45, sim.tillRng.int(0, 59)), () => countTill(sim, b));
		}
		if (office) {
			const orders = rng.poisson(profile.ordersPerDay * b.scale * (wd === 6 ? 0.5 : 1));
			for (let i = 0; i < orders; i++)
				sim.atLocal(day, rng.int(9, 16), rng.int(0, 59), () => placeSalesOrder(sim, b));
			for (let i = rng.poisson(0.15); i > 0; i--)
				sim.atLocal(day, rng.int(9, 16), rng.int(0, 59), () => directDelivery(sim, b));
		}
		if (wd === 1) for (const w of b.warehouses) sim.atLocal(day, 8, 30, () => writeOffExpired(sim, w));
	}

	if (finance) {
		sim.atLocal(day, 9, 10, () => bankTakings(sim));
		if (wd === 1) sim.atLocal(day, 9, 30, () => settleWallets(sim));
		if (wd === 2 || wd === 5) sim.atLocal(day, 10, 30, () => paySuppliers(sim));
		sim.atLocal(day, 15, 0, () => collectFromCustomers(sim));
		if (dom === 1 || dom === 10 || dom === 15)
			sim.atLocal(day, 11, 0, () => payExpenses(sim, dom, Number(isoFromDay(day).slice(5, 7))));
		// Not `atLocal`: other income draws only from its own stream (G16), and off the minute, so that it
		// never shares a millisecond with another event of the office device (which would move its clock).
		if (dom === 20)
			for (const b of co.branches)
				sim.at(localMs(day, 16, sim.incomeRng.int(0, 59), sim.incomeRng.int(1, 59)), () => sellScrap(sim, b));
		if (dom === 25 && [1, 4, 7, 10].includes(monthOf(day)))
			sim.at(localMs(day, 15, sim.incomeRng.int(0, 59), sim.incomeRng.int(1, 59)), () => takeRebate(sim));
		// The books of last month are closed once its late paperwork is in (from the 5th).
		const month = monthKey(day);
		if (profile.closePeriods && dom >= 5 && sim.closedMonth !== month && day - dom >= sim.firstDay) {
			sim.closedMonth = month;
			sim.atLocal(day, 16, 30, () => closePeriod(sim, day - dom));
		}
	}
}

const monthKey = (day: number) => isoFromDay(day).slice(0, 7);

function* run(sim: Sim): Generator<AnyEvent, void, undefined> {
	scheduleSetup(sim);
	for (let day = sim.setupDay; day <= sim.lastDay; day++) {
		sim.today = day;
		if (day >= sim.firstDay) planDay(sim, day);
		sim.runUntil(localMs(day + 1, 0, 0));
		yield* sim.out;
		sim.out.length = 0;
	}
}

/**
 * A demo run with its simulation exposed: `sim` holds the generator's own books (stock per
 * warehouse, open items), which tests compare with what the ledger derives from `events`.
 */
export function createDemo(options: DemoOptions): { sim: Sim; events: Generator<AnyEvent, void, undefined> } {
	const profile = PROFILES[options.size];
	const firstDay = dayFromIso(profile.start)!;
	const sim = new Sim({ profile, seed: options.seed ?? 1, validate: options.validate ?? false }, firstDay);
	return { sim, events: run(sim) };
}

/** The demo journal, event by event, in recording order. */
export function generateDemo(options: DemoOptions): Generator<AnyEvent, void, undefined> {
	return createDemo(options).events;
}

/** How many products the demo of a size has (for summaries). */
export function demoProductCount(size: DemoSize): number {
	return PROFILES[size].products;
}
