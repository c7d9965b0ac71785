import { device } from '../device/session.svelte';
import type { Workspace } from '../device/workspace.svelte';

/**
 * The open workspace, for pages: they only render inside the app shell, which exists only while a
 * workspace is open (and is re-created, with its pages, when another one opens).
 */
export function currentWorkspace(): Workspace {
	const ws = device.workspace;
	if (!ws) throw new Error('no workspace is open');
	return ws;
}
