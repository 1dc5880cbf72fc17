// Sleeps event.ms, then echoes event.value with the process that ran the call and when the call ran.
exports.main = async (event) => {
  const started = Date.now()
  await new Promise(resolve => setTimeout(resolve, event.ms ?? 200))
  return { value: event.value, pid: process.pid, started, ended: Date.now() }
}
