/**
 * Runs a share of the convergence seeds in a worker thread (pool.ts). It loads the TypeScript engine
 * and the domain through tsx, as they are, runs its seeds in order, and posts the totals, or the first
 * failure with its seed (the test then replays that seed in-process for a readable diff).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runConvergence, emptyStats, addStats } = await import(workerData.engine);
const total = emptyStats();
let failed = null;
for (const seed of workerData.seeds) {
	try {
		addStats(total, runConvergence(seed, workerData.ops));
	} catch (error) {
		failed = { seed, message: error instanceof Error ? error.message : String(error) };
		break;
	}
}
parentPort.postMessage({ total, failed });
