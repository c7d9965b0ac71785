/**
 * What a command needs from the open workspace: the journal to record into, the ledger to validate
 * against (current state, read only), who is recording, and whether they may record a type at all
 * (their roles, and write access to the partition it lands in).
 */
import type { EventType } from '../domain/catalogue';
import type { Ledger } from '../domain/ledger';
import { MoneyError } from '../domain/money';
import type { Journal } from '../sync/journal';

export interface CommandContext {
	/** Where commands record; its clock also marks when a stocktake's counting began (I4). */
	readonly journal: Pick<Journal, 'record' | 'recordMany' | 'clock'>;
	readonly ledger: Ledger;
	readonly user: string;
	/** May this user record `type` for `branch` ('' for company-wide types)? */
	readonly may: (type: EventType, branch: string) => boolean;
	/**
	 * True while the device is still deriving its books (opening, or fetching its history): the ledger
	 * is partial, so a command checked against it could refuse what is right (an order not derived yet)
	 * or allow what is not (stock the later events took). Absent means settled.
	 */
	readonly deriving?: boolean;
}

/** A field-level validation failure: a code the UI turns into a message, with its parameters. */
export interface FieldError {
	readonly code: string;
	readonly params?: Readonly<Record<string, string | number>>;
}

export type CommandResult<T> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly errors: Readonly<Record<string, FieldError>> };

/**
 * [U5] Every command but the counter sale waits for the books: while `deriving`, it is refused with the
 * form error `deriving` (nothing recorded, the form keeps what was typed). The counter sells on: a shop
 * cannot turn a customer away for the seconds a tablet takes to open, and beyond its cart a sale checks
 * only that its warehouse (and a named customer) exist.
 */
export function stillDeriving(ctx: Pick<CommandContext, 'deriving'>): {
	readonly ok: false;
	readonly errors: Readonly<Record<string, FieldError>>;
} | null {
	return ctx.deriving === true ? { ok: false, errors: { form: { code: 'deriving' } } } : null;
}

/** A document recorded: its event's id and the number derivation gave it (the id if it has none yet). */
export function recordedAs(
	ctx: Pick<CommandContext, 'ledger'>,
	event: { readonly id: string }
): { ok: true; value: { id: string; number: string } } {
	return { ok: true, value: { id: event.id, number: ctx.ledger.document(event.id)?.number ?? event.id } };
}

/** A number as typed: blank is 0, unreadable (a MoneyError from `parse`) is null. */
export function parseOr(text: string, parse: (t: string) => number): number | null {
	if (text.trim() === '') return 0;
	try {
		return parse(text.trim());
	} catch (e) {
		if (e instanceof MoneyError) return null;
		throw e;
	}
}
