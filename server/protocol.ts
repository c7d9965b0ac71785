/**
 * The relay's wire protocol: y-websocket's messages (sync 0, awareness 1, query-awareness 3) plus three
 * of its own, sent only to clients that ask for them with `ext=1` in the URL (docs/RELAY.md, R30–R33).
 * The numbers are mirrored in src/lib/sync/relay-client.ts; a test keeps the two equal.
 */
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** `saved`: varUint8Array, a state vector (Yjs encoding) restricted to the clients the sender wrote. */
export const MESSAGE_SAVED = 100;
/** `epoch`: varString, the store's epoch; the first message on every ext connection. */
export const MESSAGE_EPOCH = 101;
/** `refused`: varString code, varString reason; the socket is closed right after. */
export const MESSAGE_REFUSED = 102;

/** WebSocket close codes. 44xx tell the stock WebsocketProvider not to reconnect by itself. */
export const CLOSE = {
	goingAway: 1001,
	unsupportedData: 1003,
	invalidPayload: 1007,
	policy: 1008,
	tooBig: 1009,
	unauthorized: 4401,
	forbidden: 4403,
	noSuchRoom: 4404,
	staleEpoch: 4409,
	refused: 4422
} as const;

export function encodeSaved(stateVector: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SAVED);
	encoding.writeVarUint8Array(e, stateVector);
	return encoding.toUint8Array(e);
}

export function encodeEpoch(epoch: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_EPOCH);
	encoding.writeVarString(e, epoch);
	return encoding.toUint8Array(e);
}

export function encodeRefused(code: string, reason: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_REFUSED);
	encoding.writeVarString(e, code);
	encoding.writeVarString(e, reason);
	return encoding.toUint8Array(e);
}

/** A state vector (client id → clock) in Yjs' state-vector encoding. */
export function encodeStateVector(sv: ReadonlyMap<number, number>): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, sv.size);
	for (const [client, clock] of sv) {
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, clock);
	}
	return encoding.toUint8Array(e);
}
