#!/usr/bin/env node
// `jxc` as a bin: runs the TypeScript CLI through tsx, resolved from this package so that the bin
// works from any working directory.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = import.meta.resolve('tsx');
const result = spawnSync(
	process.execPath,
	['--import', tsx, join(root, 'src/cli/main.ts'), ...process.argv.slice(2)],
	{
		stdio: 'inherit'
	}
);
process.exit(result.status ?? 1);
