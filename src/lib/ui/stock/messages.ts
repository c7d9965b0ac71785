/** Stock command errors (adjustments, transfers, stocktakes) in the user's language. */
import type { FieldError } from '../../commands/context';
import { i18n, t, type MessageKey } from '../../i18n/index.svelte';

const KEYS: Record<string, MessageKey> = {
	deriving: 'common.deriving',
	qty: 'adjust.error.qty',
	overLoss: 'adjust.error.overLoss',
	reasonRequired: 'adjust.error.reasonRequired',
	noteRequired: 'adjust.error.noteRequired',
	batchRequired: 'adjust.error.batchRequired',
	readOnly: 'adjust.error.readOnly',
	unknownWarehouse: 'adjust.error.unknownWarehouse',
	record: 'adjust.error.record',
	sameWarehouse: 'transfer.error.sameWarehouse',
	overShip: 'transfer.error.overShip',
	overReceive: 'transfer.error.overReceive',
	noLines: 'transfer.error.noLines',
	nothingReceived: 'transfer.error.nothingReceived',
	state: 'transfer.error.state',
	unknown: 'transfer.error.unknown',
	count: 'count.error.count',
	nothingCounted: 'count.error.nothingCounted',
	emptyCategory: 'count.error.emptyCategory'
};

/** The message for a stock command's error; a quantity in it (`max`) is shown in `unit`. */
export function stockErrorText(e: FieldError | undefined, unit = ''): string | null {
	if (!e) return null;
	const key = KEYS[e.code];
	if (!key) return e.code;
	const params: Record<string, string | number> = { ...e.params };
	if (typeof params.max === 'number') params.max = i18n.qty(params.max, unit);
	if (typeof params.status === 'string') params.status = t(`status.${params.status}` as MessageKey);
	return t(key, params);
}
