/**
 * Money: paying suppliers on their terms, collecting from customers (some late, some in part, one
 * now and then booked to the wrong account and re-entered), banking the tills, settling the wallets,
 * and closing the books each month.
 */
import { isoFromDay } from '../domain/dates';
import { formatHlc } from '../domain/hlc';
import { localMs, nextOfficeDay } from './calendar';
import type { Branch, Customer } from './model';
import { roundDown } from './quantities';
import type { OpenItem, Sim } from './sim';

const YUAN_100 = 100_00;

/** Takes `amount` off the items, oldest due first; returns the allocations made. */
function applyOldestFirst(items: OpenItem[], amount: number): { ref: string; amount: number }[] {
	const out: { ref: string; amount: number }[] = [];
	let left = amount;
	const sorted = [...items].sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
	for (const item of sorted) {
		if (left <= 0) break;
		const x = Math.min(item.open, left);
		item.open -= x;
		left -= x;
		out.push({ ref: item.id, amount: x });
	}
	for (let i = items.length - 1; i >= 0; i--) if (items[i]!.open === 0) items.splice(i, 1);
	return out;
}

/** Tuesdays and Fridays: every supplier with bills due within three days is paid from the bank. */
export function paySuppliers(sim: Sim): void {
	const { rng, company: co } = sim;
	for (const s of co.suppliers) {
		const book = sim.suppliersBook.get(s.id);
		if (!book || book.items.length === 0) continue;
		const due = book.items.filter((i) => i.due <= sim.today + 3);
		if (due.length === 0) continue;
		let amount = due.reduce((t, i) => t + i.open, 0);
		if (rng.chance(0.12) && amount > 2 * YUAN_100)
			amount = Math.max(YUAN_100, roundDown(amount * (0.5 + rng.next() * 0.3), YUAN_100));
		const account = rng.chance(0.8) ? co.bank : co.bank2;
		if ((sim.balances.get(account.id) ?? 0) < amount) continue;
		const allocations = applyOldestFirst(due, amount);
		book.items = book.items.filter((i) => i.open > 0);
		sim.emit(
			'payment.made',
			{
				no: sim.docNo('payment.made', co.financeDevice),
				supplier: s.id,
				account: account.id,
				amount,
				allocations,
				...(rng.chance(0.2) ? { note: `${isoFromDay(sim.today).slice(0, 7)} 货款` } : {})
			},
			{ device: co.financeDevice, user: co.finance }
		);
		sim.cashIn(account.id, -amount);
	}
}

function receive(
	sim: Sim,
	c: Customer,
	account: string,
	amount: number,
	allocations: { ref: string; amount: number }[]
): string {
	const co = sim.company;
	const e = sim.emit(
		'payment.received',
		{ no: sim.docNo('payment.received', co.financeDevice), customer: c.id, account, amount, allocations },
		{ device: co.financeDevice, user: co.finance }
	);
	sim.cashIn(account, amount);
	return e.id;
}

/** Customers pay what has fallen due, each at their own pace. */
export function collectFromCustomers(sim: Sim): void {
	const { rng, company: co } = sim;
	for (const c of co.customers) {
		if (sim.today < c.nextPayCheck) continue;
		const book = sim.customersBook.get(c.id);
		if (!book || book.items.length === 0) continue;
		const due = book.items.filter((i) => i.due + c.lateness <= sim.today);
		if (due.length === 0) {
			c.nextPayCheck = sim.today + 3;
			continue;
		}
		c.nextPayCheck = sim.today + rng.int(5, 15);
		let amount = due.reduce((t, i) => t + i.open, 0);
		if (rng.chance(0.1) && amount > 2 * YUAN_100)
			amount = Math.max(YUAN_100, roundDown(amount * (0.5 + rng.next() * 0.4), YUAN_100));
		const r = rng.next();
		const account = r < 0.7 ? co.bank : r < 0.85 ? co.wechat : co.alipay;
		const dues = new Map(due.map((i) => [i.id, i.due]));
		const allocations = applyOldestFirst(due, amount);
		book.items = book.items.filter((i) => i.open > 0);
		const id = receive(sim, c, account.id, amount, allocations);
		if (rng.chance(0.006)) {
			// Booked to the wrong account: the owner voids it next working day and it is entered again.
			const day = nextOfficeDay(sim.today + 1);
			sim.at(localMs(day, 10, rng.int(0, 50)), () => {
				sim.emit(
					'document.voided',
					{ ref: id, reason: '收款账户录错，作废重录' },
					{ device: co.hq, user: co.owner }
				);
				sim.cashIn(account.id, -amount);
				const b = sim.book('customer', c.id);
				for (const a of allocations) {
					const item = b.items.find((i) => i.id === a.ref);
					if (item) item.open += a.amount;
					else b.items.push({ id: a.ref, due: dues.get(a.ref)!, open: a.amount });
				}
				const other = account === co.bank ? co.bank2 : co.bank;
				const again = applyOldestFirst(
					b.items.filter((i) => allocations.some((a) => a.ref === i.id)),
					amount
				);
				b.items = b.items.filter((i) => i.open > 0);
				receive(sim, c, other.id, amount, again);
			});
		}
	}
}

/** Each morning the takings of the tills, less a float, are banked. */
export function bankTakings(sim: Sim): void {
	const co = sim.company;
	for (const b of co.branches) {
		const amount = roundDown((sim.balances.get(b.cash.id) ?? 0) - 1_000_00, YUAN_100);
		if (amount < 500_00) continue;
		sim.emit(
			'cash.transferred',
			{
				no: sim.docNo('cash.transferred', co.financeDevice),
				from: b.cash.id,
				to: co.bank.id,
				amount,
				note: `${b.name}营业款存入银行`
			},
			{ device: co.financeDevice, user: co.finance }
		);
		sim.cashIn(b.cash.id, -amount);
		sim.cashIn(co.bank.id, amount);
	}
}

/**
 * [F8] At closing, the first till's cashier counts the branch's drawer (收银日结): most days it holds
 * what the books say to the fen; now and then a few yuan short (change given wrong) or over. What the
 * counts find stays in the drawer (`Sim.tillDrift`): the float banked each morning is left a little
 * larger or smaller, and nothing else the demo decides changes.
 */
export function countTill(sim: Sim, b: Branch): void {
	const rng = sim.tillRng;
	const drift = sim.tillDrift.get(b.cash.id) ?? 0;
	const expected = (sim.balances.get(b.cash.id) ?? 0) + drift;
	if (expected < 0) return;
	let diff = 0;
	if (rng.chance(0.12)) diff = (rng.chance(0.5) ? -1 : 1) * rng.int(1, 60) * 50;
	if (expected + diff < 0) diff = 0;
	const device = b.pos[0]!;
	sim.emit(
		'till.counted',
		{
			no: sim.docNo('till.counted', device),
			account: b.cash.id,
			counted: expected + diff,
			diff,
			...(diff < 0 ? { note: '找零出错，短款' } : diff > 0 ? { note: '长款，原因待查' } : {})
		},
		{ device, user: b.cashiers[0]! }
	);
	if (diff) sim.tillDrift.set(b.cash.id, drift + diff);
}

/**
 * [F9] Other income (G16): each month a branch sells its flattened cartons to the scrap dealer for cash
 * (into its drawer), and each quarter a supplier pays a rebate into the bank. Drawn from their own
 * stream (`Sim.incomeRng`) and kept out of what the generator believes the accounts hold (the cash
 * stays in the drawer as the till's drift, the rebate unspent in the bank), so every other decision of
 * the demo is taken as before.
 */
export function sellScrap(sim: Sim, b: Branch): void {
	const co = sim.company;
	const amount = sim.incomeRng.int(30, 180) * 100;
	sim.emit(
		'income.received',
		{
			no: sim.docNo('income.received', co.financeDevice),
			account: b.cash.id,
			amount,
			category: 'scrap',
			note: `${b.name}纸箱废品`
		},
		{ device: co.financeDevice, user: co.finance }
	);
	sim.tillDrift.set(b.cash.id, (sim.tillDrift.get(b.cash.id) ?? 0) + amount);
}

export function takeRebate(sim: Sim): void {
	const co = sim.company;
	const rng = sim.incomeRng;
	const supplier = co.suppliers[rng.int(0, co.suppliers.length - 1)];
	if (!supplier) return;
	sim.emit(
		'income.received',
		{
			no: sim.docNo('income.received', co.financeDevice),
			account: co.bank.id,
			amount: rng.int(5, 30) * 100_00,
			category: 'rebate',
			note: `${supplier.name}季度返利`
		},
		{ device: co.financeDevice, user: co.finance }
	);
}

/** Mondays: the payment platforms settle the week's takings to the bank. */
export function settleWallets(sim: Sim): void {
	const co = sim.company;
	for (const a of [co.wechat, co.alipay, co.card]) {
		const amount = sim.balances.get(a.id) ?? 0;
		if (amount <= 0) continue;
		sim.emit(
			'cash.transferred',
			{
				no: sim.docNo('cash.transferred', co.financeDevice),
				from: a.id,
				to: co.bank.id,
				amount,
				note: `${a.name}结算到账`
			},
			{ device: co.financeDevice, user: co.finance }
		);
		sim.cashIn(a.id, -amount);
		sim.cashIn(co.bank.id, amount);
	}
}

/** Utilities by month (January first): heating in winter, air conditioning in summer. */
const UTILITIES_BY_MONTH = [1.3, 1.25, 1.0, 0.9, 0.9, 1.1, 1.4, 1.5, 1.15, 0.9, 1.0, 1.2];

/**
 * [F5] A branch's running costs, paid from the bank: rent on the 1st, wages on the 10th, utilities on
 * the 15th, in proportion to the branch's size. No random draw: the rest of the demo draws what it did
 * before these were added. A month the bank cannot cover is skipped.
 */
export function payExpenses(sim: Sim, dom: number, month: number): void {
	const co = sim.company;
	const bills: Record<number, { category: string; base: number }> = {
		1: { category: 'rent', base: 12_000_00 },
		10: { category: 'wages', base: 15_000_00 },
		15: { category: 'utilities', base: 1_500_00 }
	};
	const bill = bills[dom];
	if (!bill) return;
	for (const b of co.branches) {
		const factor = bill.category === 'utilities' ? UTILITIES_BY_MONTH[month - 1]! : 1;
		const amount = roundDown(bill.base * b.scale * factor, YUAN_100);
		if (amount <= 0 || (sim.balances.get(co.bank.id) ?? 0) < amount) continue;
		sim.emit(
			'expense.paid',
			{
				no: sim.docNo('expense.paid', co.financeDevice),
				account: co.bank.id,
				amount,
				category: bill.category,
				note: b.name
			},
			{ device: co.financeDevice, user: co.finance }
		);
		sim.cashIn(co.bank.id, -amount);
	}
}

/** Closes the previous month: everything recorded so far on every device is in it. */
export function closePeriod(sim: Sim, through: number): void {
	const co = sim.company;
	const seen = [...co.devices, co.relay].map((d) => ({ device: d.code, hlc: formatHlc(d.clock.last) }));
	sim.emit('period.closed', { through, seen }, { device: co.financeDevice, user: co.finance });
}
