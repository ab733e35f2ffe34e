// Preloaded with `node --import` by rss.mjs: at exit, writes this node process's own peak RSS
// (KiB, from getrusage) to $BENCH_RSS_OUT. Children (git) are not included.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_OUT;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
