/**
 * What the sales pages cost on the demo company the app opens (the 'small' demo; JXC_BENCH_DEMO=large
 * for the big one). Prints, as the median of 20 runs after 3 warm-up runs:
 *   bench sales-list-50: the sales list (latest 50 documents of every kind with their tracking state), ms
 *   bench sales-order-view: an order page (lines, stock check across warehouses, deliveries, history), ms
 *   bench sales-customer-view: the busiest customer's page (statement for 30 days, ageing, open items,
 *     uninvoiced deliveries, last prices, history), ms
 * Times are CPU time of this process (the machine is shared), so they do not count waiting for a core.
 */
import { generateDemo } from '../src/lib/demo/generate';
import type { DemoSize } from '../src/lib/demo/model';
import { Ledger } from '../src/lib/domain/ledger';
import { masterNames } from '../src/lib/projections/names';
import { customerView, orderView, salesRows } from '../src/lib/projections/sales';

const SIZE = (process.env.JXC_BENCH_DEMO as DemoSize | undefined) ?? 'small';
const ledger = new Ledger();
ledger.add([...generateDemo({ size: SIZE })]);
const names = masterNames(ledger);
const last = ledger.events[ledger.events.length - 1]!;
const today = last.at;

function cpuMs(f: () => unknown): number {
	const t0 = process.cpuUsage();
	f();
	const t = process.cpuUsage(t0);
	return (t.user + t.system) / 1000;
}

function median(f: () => unknown): number {
	for (let i = 0; i < 3; i++) f();
	const runs = Array.from({ length: 20 }, () => cpuMs(f)).sort((a, b) => a - b);
	return runs[10]!;
}

const line = (name: string, value: number, unit: string) =>
	console.log(`bench ${name}: ${value.toFixed(2)} ${unit}`);

let order = '';
const customerCount = new Map<string, number>();
for (const e of ledger.events) {
	if (e.type === 'sales.order.placed') order = e.id;
	if (e.type === 'sales.delivery.posted')
		customerCount.set(e.payload.customer, (customerCount.get(e.payload.customer) ?? 0) + 1);
}
const busiest = [...customerCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
console.log(`bench sales-events: ${ledger.size} events`);
line(
	'sales-list-50',
	median(() =>
		salesRows(ledger, names, ['quote', 'order', 'delivery', 'return', 'invoice', 'counter'], 50, today)
	),
	'ms'
);
line(
	'sales-order-view',
	median(() => orderView(ledger, names, order, today)),
	'ms'
);
line(
	'sales-customer-view',
	median(() => customerView(ledger, names, busiest, today - 30, today, today)),
	'ms'
);
