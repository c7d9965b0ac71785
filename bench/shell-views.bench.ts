/**
 * What the app shell recomputes after every change on a large company (the large demo, about 2,000,000
 * events): the conflict badge in the menu (after every change) and the master names (after every master
 * data change), plus the conflict center's cards for comparison. Prints, as the median of 7 runs, each
 * after one more event (a transfer between two accounts), so nothing is answered from a cache:
 *   bench shell-conflict-badge: the menu's count of urgent conflicts, ms
 *   bench shell-master-names: names of products, warehouses, parties and users, ms
 *   bench shell-conflict-cards: every card of the conflict center, ms
 *   bench shell-sales-report: the 30-day sales report, saved with the read models after changes, ms
 *   bench shell-stuck-stock-first: stock that does not sell (90 days of sales), the first time (the days
 *     the 30-day report has not read yet are read once), ms; -stuck-stock: after a change, as saved with
 *     the read models (the stock rows, which the stock page saves too, not included), ms
 *   bench shell-purchases-page: the purchases page (orders to approve and to receive, latest 50 documents), ms
 *   bench shell-purchases-uninvoiced: 采购's suppliers who owe invoices (PU15), every receipt ever, ms
 *   bench shell-vat-month: 本月增值税 (PU16) of 30 days, with the input VAT waiting on every receipt, ms
 *   bench shell-sales-list: the sales page's latest 50 documents of every kind, ms
 *   bench shell-sales-uninvoiced: the sales page's 未开票 tab, every customer's deliveries not invoiced (SR3), ms
 *   bench shell-sales-orders-late: the sales page's latest 50 orders with their delivery state, after an
 *     event that arrived late (dated the day before the last: the ledger rewinds, as it does for most
 *     events synced from another branch), ms
 *   bench shell-customer-late: a customer's documents (the customer page), after such a late event, ms
 *   bench shell-dashboard: the home page's figures after a change, ms
 *   bench shell-dashboard-late: the same after a late event, ms
 *   bench shell-stock-summary-month: the 进销存汇总表 (RP3) of the last 30 days, every warehouse, ms
 *   bench shell-sales-summary-month: the 销售汇总表 (RP4) of the last 30 days by product, and by customer, ms
 *   bench shell-purchase-summary-year: the 采购汇总表 (RP5) of the last 365 days by supplier, ms
 *   bench shell-ageing: 账龄分析 (RP6) of every customer's receivables, ms
 *   bench shell-ageing-month-end-first: the same as of a day in the month before, read for the first time
 *     (RP8: a replay of what moves the customers' accounts up to that day), ms
 *   bench shell-ageing-month-end: as of the end of the month before, after a sale today (kept), ms
 *   bench shell-quiet-customers-first: 该回访的客户 (RP12), every customer's last year (the reports page),
 *     the first time, ms
 *   bench shell-quiet-customers: the same after a change (each customer's year is kept), ms
 *   bench shell-price-changes: 进价变动 (RP11) of the last 30 days (the reports page, for those who see cost), ms
 *   bench shell-customer-habits: how the busiest customer paid over twelve months (RP10, their page), ms
 *   bench shell-product-trading: 经营情况 (RP9) of the best-selling product of the last 30 days (its page), ms
 *   bench shell-profit-year-first: the 利润表 (RP7) of the last 365 days month by month, with the span
 *     before (what the page reads), the first time, ms
 *   bench shell-profit-year: the same after a change (the months before are kept), ms
 */
import { dayFromIso } from '../src/lib/domain/dates';
import { compareEvents } from '../src/lib/domain/event';
import { Ledger } from '../src/lib/domain/ledger';
import { conflictCards, urgentCount } from '../src/lib/projections/conflicts';
import { dashboard } from '../src/lib/projections/dashboard';
import { masterNames } from '../src/lib/projections/names';
import { purchaseOverview, uninvoicedBySupplier } from '../src/lib/projections/purchasing';
import { vatEstimate } from '../src/lib/projections/vat';
import { presetSpan } from '../src/lib/ui/period';
import { customerDocs, salesRows, uninvoicedAll } from '../src/lib/projections/sales';
import { salesReport, soldByProduct } from '../src/lib/projections/reports';
import { stockRows } from '../src/lib/projections/stock';
import { STUCK_SPAN_DAYS, stuckStock } from '../src/lib/projections/stuck';
import { previousSpan, tradeSummary } from '../src/lib/projections/trade-summary';
import { ageingReport } from '../src/lib/projections/ageing';
import { paymentHabits, settlementsOf } from '../src/lib/projections/payment-habits';
import { priceChanges } from '../src/lib/projections/price-changes';
import { productTrading } from '../src/lib/projections/product-trading';
import { quietCustomers } from '../src/lib/projections/quiet-customers';
import { salesIndex } from '../src/lib/projections/sales-index';
import { profitReport } from '../src/lib/projections/profit';
import { stockSummary } from '../src/lib/projections/stock-summary';
import { loadLargeDemo } from './demo-cache';
import { laterEvents } from './later-events';

const ledger = new Ledger();
ledger.add((await loadLargeDemo()).sort(compareEvents));
const names = masterNames(ledger);

const last = ledger.events[ledger.size - 1]!;
const next = laterEvents(last);
let no = 0;

/** One more event: the ledger changed, as it does after each sale. */
function change(): void {
	ledger.add([next('cash.transferred', last.at, { no: ++no, from: 'CASH', to: 'BANK', amount: 100 })]);
}

/** One more event dated the day before the last: it sorts before the end, as late ones do. */
function lateChange(): void {
	ledger.add([next('cash.transferred', last.at - 1, { no: ++no, from: 'CASH', to: 'BANK', amount: 100 })]);
}

function median(f: () => unknown, changed = change): number {
	const times: number[] = [];
	for (let i = 0; i < 9; i++) {
		changed();
		const t0 = performance.now();
		f();
		times.push(performance.now() - t0);
	}
	// The first two runs warm up.
	return times.slice(2).sort((a, b) => a - b)[3]!;
}

const line = (name: string, ms: number) => console.log(`bench ${name}: ${ms.toFixed(1)} ms`);
console.log(`bench shell-events: ${ledger.size} events`);
line(
	'shell-conflict-badge',
	median(() => urgentCount(ledger))
);
line(
	'shell-master-names',
	median(() => masterNames(ledger))
);
line(
	'shell-conflict-cards',
	median(() => conflictCards(ledger, names))
);
const today = last.at;
line(
	'shell-sales-report',
	median(() => salesReport(ledger, names, today))
);
{
	const stock = stockRows(ledger, names);
	const stuck = () => stuckStock(stock, soldByProduct(ledger, today, STUCK_SPAN_DAYS), names);
	const t0 = performance.now();
	const first = stuck();
	line('shell-stuck-stock-first', performance.now() - t0);
	console.log(`bench shell-stuck-stock-products: ${first.count} products`);
	line('shell-stuck-stock', median(stuck));
}
line(
	'shell-purchases-page',
	median(() =>
		purchaseOverview(
			ledger,
			['purchase.order.placed', 'purchase.receipt.posted', 'purchase.return.posted'],
			50
		)
	)
);
line(
	'shell-purchases-uninvoiced',
	median(() => uninvoicedBySupplier(ledger))
);
line(
	'shell-vat-month',
	median(() => vatEstimate(ledger, names, today - 29, today))
);
line(
	'shell-sales-list',
	median(() =>
		salesRows(ledger, names, ['quote', 'order', 'delivery', 'return', 'invoice', 'counter'], 50, today)
	)
);
line(
	'shell-sales-uninvoiced',
	median(() => uninvoicedAll(ledger, names))
);
line(
	'shell-sales-orders-late',
	median(() => salesRows(ledger, names, ['order'], 50, today), lateChange)
);
const customers = new Map<string, number>();
for (const e of ledger.eventsOfType('sales.delivery.posted'))
	customers.set(e.payload.customer, (customers.get(e.payload.customer) ?? 0) + 1);
const busiest = [...customers].sort((a, b) => b[1] - a[1])[0]![0];
line(
	'shell-customer-late',
	median(() => customerDocs(ledger, busiest), lateChange)
);
line(
	'shell-dashboard',
	median(() => dashboard(ledger, names, today))
);
line(
	'shell-dashboard-late',
	median(() => dashboard(ledger, names, today), lateChange)
);
{
	// The 进销存汇总表 of the last month in every warehouse: one pass over every stock move (about 5
	// million on the large demo), so its cost is the moves', whatever the span.
	const monthStart = today - 30;
	line(
		'shell-stock-summary-month',
		median(() => stockSummary(ledger, names, monthStart, today, null))
	);
	console.log(
		`bench shell-stock-summary-rows: ${stockSummary(ledger, names, monthStart, today, null).rows.length} products`
	);
}
line(
	'shell-sales-summary-month',
	median(() => tradeSummary(ledger, names, 'sales', today - 29, today, 'product'))
);
line(
	'shell-sales-summary-month-customer',
	median(() => tradeSummary(ledger, names, 'sales', today - 29, today, 'party'))
);
line(
	'shell-purchase-summary-year',
	median(() => tradeSummary(ledger, names, 'purchase', today - 364, today, 'party'))
);
line(
	'shell-ageing',
	median(() => ageingReport(ledger, names, 'customer', today))
);
{
	const t0 = performance.now();
	quietCustomers(ledger, names, today);
	line('shell-quiet-customers-first', performance.now() - t0);
	line(
		'shell-quiet-customers',
		median(() => quietCustomers(ledger, names, today))
	);
}
line(
	'shell-price-changes',
	median(() => priceChanges(ledger, names, today))
);
{
	const monthEnd = dayFromIso(presetSpan('lastMonth', today).to)!;
	// Each run a day not read before: the replay itself.
	let back = 0;
	line(
		'shell-ageing-month-end-first',
		median(() => ageingReport(ledger, names, 'customer', today, monthEnd - ++back))
	);
	line(
		'shell-ageing-month-end',
		median(() => ageingReport(ledger, names, 'customer', today, monthEnd))
	);
}
{
	let busiest = '';
	let events = -1;
	for (const [c, ids] of salesIndex(ledger).byCustomer)
		if (ids.length > events) {
			events = ids.length;
			busiest = c;
		}
	line(
		'shell-customer-habits',
		median(() => paymentHabits(settlementsOf(ledger, 'customer', busiest), today - 364, today))
	);
}
{
	let best = '';
	let most = -1;
	for (const [p, q] of soldByProduct(ledger, today, 30))
		if (q > most) {
			most = q;
			best = p;
		}
	line(
		'shell-product-trading',
		median(() => productTrading(ledger, names, best, today))
	);
}
{
	// What the page reads: the year month by month, and the year before it (上期).
	const profit = () => {
		const before = previousSpan(today - 364, today);
		profitReport(ledger, names, today - 364, today, null);
		return profitReport(ledger, names, before.from, before.to, null);
	};
	const t0 = performance.now();
	profit();
	line('shell-profit-year-first', performance.now() - t0);
	line('shell-profit-year', median(profit));
}
