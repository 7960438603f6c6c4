// Preloaded into seerd processes by the tests (NODE_OPTIONS=--import): measures, inside the
// process, how long its event loop stayed alive after its last output. Node emits 'exit' once
// nothing is left to run (or on process.exit), before tearing the process down, so this is the
// time open handles (timers, pools, sockets, children) kept it alive, not the machine's load
// on process teardown. Reported as the last line of stderr.
let last = Date.now();
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (...args) => {
    last = Date.now();
    return write(...args);
  };
}
process.on('exit', () => {
  process.stderr.write(`\n[exit-probe] linger_ms=${Date.now() - last}\n`);
});
