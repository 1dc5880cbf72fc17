// The same report from every handler style CloudBase supports: what the call received (event, context) and what the
// process sees (its environment).
const os = require('os')

// Module-level state: it lives as long as the process, across calls.
let calls = 0

function report (style, event, context) {
  const { function_name, request_id, time_limit_in_ms, memory_limit_in_mb, function_version, namespace } = context
  return {
    style,
    event,
    context: { function_name, request_id, time_limit_in_ms, memory_limit_in_mb, function_version, namespace },
    env: { ...process.env },
    tmpdir: os.tmpdir(),
    pid: process.pid,
    calls: ++calls
  }
}

exports.main = async (event, context) => {
  await new Promise(resolve => setTimeout(resolve, 10))
  return report('async', event, context)
}

exports.promise = (event, context) => new Promise(resolve => setTimeout(() => resolve(report('promise', event, context)), 10))

exports.sync = (event, context) => report('sync', event, context)

exports.callback = (event, context, callback) => {
  setTimeout(() => callback(null, report('callback', event, context)), 10)
}

exports.callbackError = (event, context, callback) => {
  setTimeout(() => callback(new Error('the callback reported a failure')), 10)
}
