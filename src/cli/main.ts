/**
 * `jxc`, the headless command line (project issue 2, §5). Run as `npm run jxc -- <command>` or through
 * bin/jxc.mjs. See `jxc help` and docs/CLI.md.
 */
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text)
});
