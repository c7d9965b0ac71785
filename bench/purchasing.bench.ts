/**
 * Purchasing views on the app's demo company (`small`: about 66k events, the size the in-browser demo
 * opens). The plan page recomputes its suggestions, and the supplier page its account, on every ledger
 * change, so both must stay well under a frame budget of interactivity (~100 ms). Prints:
 *   bench purchasing-events: events in the journal
 *   bench purchasing-suggestions-ms: purchaseSuggestions over a 30-day window (median of 7, CPU time)
 *   bench purchasing-suggestion-rows: rows it returned
 *   bench purchasing-supplier-ms: supplierView of the supplier with the most receipts (median of 7, CPU time)
 * CPU time (process.cpuUsage) rather than wall time: the machine is shared.
 */
import { compareEvents } from '../src/lib/domain/event';
import { Ledger } from '../src/lib/domain/ledger';
import { generateDemo } from '../src/lib/demo/generate';
import { masterNames } from '../src/lib/projections/names';
import { purchaseDocuments, purchaseSuggestions, supplierView } from '../src/lib/projections/purchasing';

function line(name: string, value: number | string, unit: string): void {
	console.log(`bench ${name}: ${value} ${unit}`);
}

function cpuMs(fn: () => unknown): number {
	const t0 = process.cpuUsage();
	fn();
	const d = process.cpuUsage(t0);
	return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

const events = [...generateDemo({ size: 'small' })].sort(compareEvents);
const ledger = new Ledger();
ledger.add(events);
const names = masterNames(ledger);
const today = events[events.length - 1]!.at;
line('purchasing-events', events.length, 'events');

let rows = 0;
const times: number[] = [];
for (let i = 0; i < 7; i++)
	times.push(cpuMs(() => (rows = purchaseSuggestions(ledger, names, today, 30).length)));
line('purchasing-suggestions-ms', median(times).toFixed(1), 'ms');
line('purchasing-suggestion-rows', rows, 'rows');

const receipts = new Map<string, number>();
for (const d of purchaseDocuments(ledger))
	if (d.type === 'purchase.receipt.posted' && d.party)
		receipts.set(d.party, (receipts.get(d.party) ?? 0) + 1);
const busiest = [...receipts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const supplierTimes: number[] = [];
for (let i = 0; i < 7; i++) supplierTimes.push(cpuMs(() => supplierView(ledger, names, busiest, today)));
line('purchasing-supplier-ms', median(supplierTimes).toFixed(1), 'ms');
