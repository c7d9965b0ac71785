/**
 * When a sales order needs a manager (rule SA1 in docs/SPEC.md): a discount beyond the company's limit,
 * a price below cost, an order that takes the customer over the credit limit, or a total above the
 * approval threshold. The placing device records the checks in the order, so the approver sees exactly
 * why, in their language, whatever has changed since.
 */
import { splitInclusiveTax } from '../money';
import { discountBp, unitPriceOf } from './pricing';

export type CheckCode = 'discount' | 'below-cost' | 'credit-limit' | 'amount';

export interface ApprovalCheck {
	readonly code: CheckCode;
	readonly line?: number;
	readonly value?: number;
	readonly limit?: number;
}

export interface CheckedLine {
	readonly q: number;
	readonly amount: number;
	readonly vat: number;
	/** The customer's list price per unit (tier price), if the product has one. */
	readonly list: number | null;
	/** The current unit cost (fen per unit, net of deductible VAT), if known. */
	readonly unitCost: number | null;
}

export interface ApprovalInput {
	readonly lines: readonly CheckedLine[];
	/** Settings: discount limit in basis points (none: discounts need no approval). */
	readonly discountLimitBp?: number | null;
	/** Settings: orders above this total need approval. */
	readonly approvalAbove?: number | null;
	/** Customer: credit limit (0 or none: no limit). */
	readonly creditLimit?: number | null;
	/** Customer: open receivables now (negative: credit). */
	readonly balance: number;
}

/** [SA1] The reasons an order needs approval, in line order, then credit, then amount; none: no approval. */
export function approvalChecks(input: ApprovalInput): ApprovalCheck[] {
	const out: ApprovalCheck[] = [];
	let total = 0;
	input.lines.forEach((l, line) => {
		total += l.amount;
		const price = unitPriceOf(l.amount, l.q);
		const limit = input.discountLimitBp;
		if (limit !== null && limit !== undefined && l.list !== null) {
			const bp = discountBp(l.list, price);
			if (bp > limit) out.push({ code: 'discount', line, value: bp, limit });
		}
		if (l.unitCost !== null && l.unitCost > 0) {
			// Cost is net of VAT: compare it with the price net of VAT.
			const net = unitPriceOf(l.amount - splitInclusiveTax(l.amount as never, l.vat).tax, l.q);
			if (net < l.unitCost) out.push({ code: 'below-cost', line, value: net, limit: l.unitCost });
		}
	});
	const credit = input.creditLimit ?? 0;
	if (credit > 0 && input.balance + total > credit)
		out.push({ code: 'credit-limit', value: input.balance + total, limit: credit });
	const above = input.approvalAbove ?? 0;
	if (above > 0 && total > above) out.push({ code: 'amount', value: total, limit: above });
	return out;
}
