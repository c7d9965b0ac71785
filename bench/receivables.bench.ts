/**
 * Settling a wholesale customer's receivables (rule F2): a customer with many open deliveries pays, and
 * each payment names 10 of them. What one payment costs the ledger should not grow with how many items
 * are open, so the same payments are timed against 50 and against 5,000 open items:
 *   bench receivables-payment-p50-50-open / -5000-open: µs per payment, median of the runs
 *   bench receivables-payment-ratio: the second over the first (at most about 1: it does not grow)
 * Until 2026-11-23 a named item was found by scanning the customer's list and a paid-off one removed by
 * another scan: 26.7 µs per payment at 50 open items, 544 µs at 5,000 (ratio 20.35). With each item's
 * due day kept in a map beside the list, measured the same day: 27–39 µs at 50 and 16–22 µs at 5,000
 * (ratio 0.4–0.8).
 */
import { DAY0, EventFactory } from '../tests/factories/events';
import { Ledger } from '../src/lib/domain/ledger';

const PAYMENTS = 200;
const RUNS = 7;
/** Each delivery's amount in 分: more than all the payments together could take off it. */
const DELIVERY = 10_000_000;

function line(name: string, value: number | string, unit: string): void {
	console.log(`bench ${name}: ${value} ${unit}`);
}

function median(xs: readonly number[]): number {
	return [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
}

/** µs per payment, each naming 10 of `open` deliveries, added one by one as a device would. */
function timePayments(open: number): number {
	const f = new EventFactory();
	const deliveries = Array.from({ length: open }, (_, i) =>
		f.make(
			'sales.delivery.posted',
			{
				no: i + 1,
				customer: 'C1',
				wh: 'W1',
				due: DAY0 + (i % 30),
				lines: [{ p: 'P1', q: 1000, amount: DELIVERY, vat: 0 }]
			},
			{ at: DAY0 }
		)
	);
	// Named items from all over the list; none is paid off, so both lists keep their length.
	let k = 0;
	const payments = Array.from({ length: PAYMENTS }, (_, j) => {
		const allocations = Array.from({ length: 10 }, () => {
			k = (k * 7 + 13) % open;
			return { ref: deliveries[k]!.id, amount: 1_000 };
		});
		return f.make(
			'payment.received',
			{ no: j + 1, customer: 'C1', account: 'BANK', amount: 10_000, allocations },
			{ branch: '', at: DAY0 + 1 }
		);
	});
	const times: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const ledger = new Ledger();
		ledger.add(deliveries);
		const started = performance.now();
		for (const p of payments) ledger.add([p]);
		times.push(((performance.now() - started) * 1000) / PAYMENTS);
		if (ledger.balanceOf('customer', 'C1') !== open * DELIVERY - PAYMENTS * 10_000)
			throw new Error('the payments did not settle what they paid');
	}
	return median(times);
}

timePayments(500); // warm-up: the first configuration timed would otherwise pay for compiling
const few = timePayments(50);
const many = timePayments(5000);
line('receivables-payment-p50-50-open', few.toFixed(1), 'us');
line('receivables-payment-p50-5000-open', many.toFixed(1), 'us');
line('receivables-payment-ratio', (many / few).toFixed(2), '(5,000 open items over 50)');
