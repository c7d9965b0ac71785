/**
 * [PU16] The month's VAT as a general taxpayer (一般纳税人) would roughly owe it, for the report page:
 *
 * - 销项税额: the VAT in the span's sales (counter sales and deliveries, less returns), invoiced or not,
 *   as the sales summary counts it (RP4);
 * - 进项税额: the VAT on the suppliers' special invoices (增值税专用发票) received in the span and in
 *   force (PU15); an ordinary invoice's VAT is not deductible;
 * - 应纳税额 = 销项 − 进项 when positive, else carried forward (留抵);
 * - and the VAT still waiting on goods received not invoiced by their suppliers, whose special invoices
 *   would lower it: each receipt's VAT in proportion to what is left to invoice on it.
 *
 * An estimate: which invoices the tax office accepts, and when, is the accountant's to say. Only for a
 * company whose purchases carry deductible VAT (`vatDeductible`, the default); a small-scale taxpayer
 * has no input VAT.
 */
import { mulDivRound } from '../domain/money';
import type { Ledger } from '../domain/ledger';
import type { MasterNames } from './names';
import { receivedNotInvoiced } from './purchasing';
import { tradeSummary } from './trade-summary';

export interface VatEstimate {
	readonly from: number;
	readonly to: number;
	readonly output: number;
	readonly input: number;
	/** output − input: to pay when positive, carried forward when negative. */
	readonly payable: number;
	/** VAT on goods received (ever) whose invoices have not come. */
	readonly waiting: number;
}

export function vatEstimate(
	ledger: Ledger,
	names: MasterNames,
	from: number,
	to: number
): VatEstimate | null {
	if (ledger.values('settings', 'company').vatDeductible === false) return null;
	const output = tradeSummary(ledger, names, 'sales', from, to, 'branch').total.tax;
	let input = 0;
	for (const e of ledger.eventsOfType('purchase.invoice.recorded')) {
		if (e.payload.kind !== 'special' || e.at < from || e.at > to) continue;
		const d = ledger.document(e.id);
		if (d?.status === 'posted') input += d.tax;
	}
	let waiting = 0;
	for (const u of receivedNotInvoiced(ledger))
		if (u.rest > 0 && u.total > 0) waiting += mulDivRound(u.tax, u.rest, u.total);
	return { from, to, output, input, payable: output - input, waiting };
}
