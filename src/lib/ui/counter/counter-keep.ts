/**
 * Where the counter's carts live on the device (K6): one localStorage entry per company, read again
 * before every change so that two tabs of the counter never write over each other's carts aside.
 */
import { EMPTY_KEEP, readKeep, writeKeep, type CounterKeep } from '../../domain/counter/held';

const keyOf = (scope: string) => `jxc:counter:${scope}`;

export function loadKeep(scope: string): CounterKeep {
	try {
		return readKeep(localStorage.getItem(keyOf(scope)));
	} catch {
		return EMPTY_KEEP;
	}
}

/** False when nothing could be kept (storage full or turned off): the caller says so. */
export function saveKeep(scope: string, keep: CounterKeep): boolean {
	try {
		if (keep.current === null && keep.held.length === 0) localStorage.removeItem(keyOf(scope));
		else localStorage.setItem(keyOf(scope), writeKeep(keep));
		return true;
	} catch {
		return false;
	}
}

/** True when a `storage` event is about this company's counter (another tab changed it). */
export const isKeepKey = (scope: string, key: string | null): boolean => key === keyOf(scope);

/** An id for a cart aside, unique on this device (no secure context needed, unlike randomUUID). */
export const heldId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Now, as the ISO instant a cart aside is stamped with. */
export const nowIso = (): string => new Date().toISOString();
