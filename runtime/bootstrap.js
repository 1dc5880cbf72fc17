'use strict'
// ActorCloud's Node.js cloud-function runtime: runs one unmodified CloudBase function
// (`exports.main = async (event, context) => result`, or callback style) in a warm
// process, one invocation at a time, for the C# host.
//
//   node --max-old-space-size=<MB> --experimental-permission --allow-fs-read=<functionDir> \
//        --allow-fs-read=<runtimeDir> --allow-fs-read=<tmpDir> --allow-fs-write=<tmpDir> \
//        bootstrap.js <functionDir> <handler> <nonce>
// (runtimeDir must be readable for this file itself; tmpDir, so functions can read back
// the files they write there.)
//
// Protocol (JSON lines):
//   node → host, on the original stdout: "\u001eAC<nonce> " + JSON + "\n" (each frame is
//   preceded by "\n", which ends any partial line user code wrote to fd 1)
//     {"type":"ready"} or {"type":"ready","error":{message,stack}} once the module is loaded
//     {"type":"result","id","ok":true,"result":"<JSON text>","logs":[…],"durationMs":n}
//     {"type":"result","id","ok":false,"error":{message,stack?,code?},"logs":[…],"durationMs":n}
//   host → node, on stdin: {"type":"invoke","id","event","context","env"}
// The host ignores stdout lines without the prefix, so user output can't pass for a frame.

const path = require('path')
const readline = require('readline')
const { performance } = require('perf_hooks')
const { createFrameWriter } = require('./lib/frames')
const { installCapture, LogBuffer } = require('./lib/capture')
const { describeError, serialiseResult } = require('./lib/outcome')

const [functionDirArg, handlerSpec, nonce] = process.argv.slice(2)
if (!functionDirArg || !handlerSpec || !nonce) {
  process.stderr.write('usage: node bootstrap.js <functionDir> <handler> <nonce>\n')
  process.exit(2)
}
// User code must not learn the nonce (it could forge frames with it); the permission
// model already keeps it from reading /proc/self/cmdline.
process.argv.length = 2

const writeFrame = createFrameWriter(nonce)

// The running invocation: {id, logs, started, restoreEnv, done}, or null between them.
let current = null

// From here on, console output and stdout/stderr writes go to `current`'s logs (or
// nowhere); installed before user code runs so it never reaches the real stdout.
installCapture(() => (current ? current.logs : null))

// An error nobody caught fails the running invocation; the process keeps serving.
// Between invocations (a timer left behind) there is nobody to tell, so it is ignored.
// Having these listeners also stops Node from exiting on them, and the rejection one
// reports a non-Error reason as itself, not as Node's ERR_UNHANDLED_REJECTION wrapper.
process.on('uncaughtException', (err) => { if (current) fail(current, err) })
process.on('unhandledRejection', (reason) => { if (current) fail(current, reason) })

const loaded = loadHandler(path.resolve(functionDirArg), handlerSpec)
writeFrame(loaded.error ? { type: 'ready', error: loaded.error } : { type: 'ready' })

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
input.on('line', onLine)
// The host closed our stdin: it is done with this process.
input.on('close', () => process.exit(0))

// Loads `<file>.<export>` (file part: everything before the last dot, so `src/index.main`
// and `app.handler` work) and returns {main} or {error} with CloudBase-like messages.
function loadHandler (functionDir, spec) {
  const dot = spec.lastIndexOf('.')
  if (dot <= 0 || dot === spec.length - 1) {
    return { error: { message: `invalid handler "${spec}": expected <file>.<export>, e.g. index.main` } }
  }
  const exportName = spec.slice(dot + 1)
  const modulePath = path.resolve(functionDir, spec.slice(0, dot))
  const relative = path.relative(functionDir, modulePath)
  if (relative === '' || relative === '..' || relative.startsWith('..' + path.sep) || path.isAbsolute(relative)) {
    return { error: { message: `invalid handler "${spec}": the file must be inside the function's directory` } }
  }

  let exported
  try {
    exported = require(modulePath)
  } catch (err) {
    const error = describeError(err)
    // Node names the absolute path and the require stack (this file); CloudBase says
    // "Cannot find module './index'" when the function's own file is missing.
    if (err && err.code === 'MODULE_NOT_FOUND' && error.message.startsWith(`Cannot find module '${modulePath}'`)) {
      error.message = `Cannot find module './${relative.split(path.sep).join('/')}'`
    }
    return { error }
  }
  const main = exported == null ? undefined : exported[exportName]
  if (typeof main !== 'function') return { error: { message: `exports.${exportName} is not a function` } }
  return { main }
}

function onLine (line) {
  if (line.trim() === '') return
  let message
  try {
    message = JSON.parse(line)
  } catch {
    return // not a frame of the protocol; nothing to answer
  }
  if (!message || message.type !== 'invoke') return
  if (current) {
    // The host sends one invocation at a time; answer rather than interleave two.
    writeFrame({ type: 'result', id: message.id, ok: false, error: { message: 'busy' }, logs: [], durationMs: 0 })
    return
  }
  invoke(message)
}

function invoke ({ id, event, context, env }) {
  const invocation = { id, logs: new LogBuffer(), started: performance.now(), restoreEnv: applyEnv(env), done: false }
  current = invocation
  if (loaded.error) return finish(invocation, { error: loaded.error })

  const main = loaded.main
  // callback(err, result): a non-null err fails the invocation (Node/SCF convention).
  const callback = (err, result) => (err != null ? fail(invocation, err) : succeed(invocation, result))
  let returned
  try {
    returned = main(event, context == null ? {} : context, callback)
  } catch (err) {
    return fail(invocation, err)
  }

  if (isThenable(returned)) {
    // Promise.resolve also copes with thenables whose then() misbehaves.
    Promise.resolve(returned).then((value) => succeed(invocation, value), (err) => fail(invocation, err))
  } else if (returned !== undefined || main.length < 3) {
    succeed(invocation, returned)
  }
  // Otherwise: sync undefined from a (event, context, callback) function, so the
  // callback will complete it.
}

function isThenable (value) {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function'
  } catch {
    return false // a throwing `then` getter: treat the value as a plain result
  }
}

// The first completion wins (callback, returned promise, return value, uncaught error);
// later ones for the same invocation are ignored. `done` is set before serialising,
// since a toJSON() that calls the callback would otherwise complete it twice.
function succeed (invocation, value) {
  if (invocation.done) return
  invocation.done = true
  finish(invocation, serialiseResult(value))
}

function fail (invocation, reason) {
  if (invocation.done) return
  invocation.done = true
  finish(invocation, { error: describeError(reason) })
}

function finish (invocation, { text, error }) {
  invocation.done = true
  invocation.restoreEnv()
  if (current === invocation) current = null
  const frame = { type: 'result', id: invocation.id, ok: !error }
  if (error) frame.error = error
  else frame.result = text
  frame.logs = invocation.logs.seal()
  frame.durationMs = Math.round(performance.now() - invocation.started)
  writeFrame(frame)
}

// Sets the invocation's variables (WX_OPENID, …: what wx-server-sdk's getWXContext()
// reads) on process.env and returns a function that puts back what was there before.
function applyEnv (vars) {
  const saved = []
  if (vars !== null && typeof vars === 'object') {
    for (const [key, value] of Object.entries(vars)) {
      if (value == null) continue
      saved.push({ key, had: Object.prototype.hasOwnProperty.call(process.env, key), previous: process.env[key] })
      process.env[key] = String(value)
    }
  }
  return function restoreEnv () {
    for (const { key, had, previous } of saved.reverse()) {
      if (had) process.env[key] = previous
      else delete process.env[key]
    }
    saved.length = 0
  }
}
