// Drives runtime/bootstrap.js through its stdin/stdout protocol, started exactly the way
// the C# host starts it (permission flags, bare environment, cwd = function directory).
import { afterEach, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const runtimeDir = dirname(dirname(fileURLToPath(import.meta.url)))
const fixturesDir = join(runtimeDir, 'test', 'fixtures')
const FRAME_TIMEOUT_MS = 15_000

// What the host puts in every function process's environment besides PATH/HOME/TMPDIR.
const contextEnv = {
  TCB_ENV: 'test-env',
  SCF_NAMESPACE: 'test-env',
  TCB_CONTEXT_CNFG: '{}',
  TENCENTCLOUD_RUNENV: 'SCF',
  TENCENTCLOUD_SECRETID: 'AKIDtest',
  TENCENTCLOUD_SECRETKEY: 'test-secret',
  TCB_CONTEXT_KEYS: 'TCB_ENV,SCF_NAMESPACE,TCB_CONTEXT_CNFG',
  WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID'
}

const defaultContext = {
  request_id: 'req-1',
  function_name: 'fixture',
  function_version: '$LATEST',
  namespace: 'test-env',
  memory_limit_in_mb: 256,
  time_limit_in_ms: 3000,
  environment: JSON.stringify({ TCB_ENV: 'test-env' })
}

const running = new Set()

afterEach(async () => {
  for (const fn of running) {
    if (!fn.hasExited) fn.child.kill('SIGKILL')
    await fn.exited
    for (const dir of fn.cleanup) rmSync(dir, { recursive: true, force: true })
  }
  running.clear()
})

// Starts a fixture function; returns a handle that sends invocations and reads frames.
// `copy` runs it from a copy outside runtimeDir, as the host's function directories are:
// inside runtimeDir, Node's walk up the parent directories finds runtime/node_modules
// without NODE_PATH.
// `readTmp: false` leaves out --allow-fs-read=<tmpDir>, as in the flags first specified.
function start (fixture, { handler = 'index.main', env = {}, copy = false, readTmp = true } = {}) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'ac-runtime-test-tmp-'))
  const cleanup = [tmpDir]
  let functionDir = join(fixturesDir, fixture)
  if (copy) {
    const copyDir = mkdtempSync(join(tmpdir(), 'ac-runtime-test-fn-'))
    cleanup.push(copyDir)
    cpSync(functionDir, copyDir, { recursive: true })
    functionDir = copyDir
  }
  const nonce = randomBytes(16).toString('hex')
  const prefix = `\u001eAC${nonce} `
  const child = spawn(process.execPath, [
    '--max-old-space-size=256',
    '--experimental-permission',
    `--allow-fs-read=${functionDir}`,
    `--allow-fs-read=${runtimeDir}`,
    // Without it a function can write files in tmpDir but not read them back (e.g. to
    // upload them with fs.createReadStream).
    ...(readTmp ? [`--allow-fs-read=${tmpDir}`] : []),
    `--allow-fs-write=${tmpDir}`,
    join(runtimeDir, 'bootstrap.js'), functionDir, handler, nonce
  ], {
    cwd: functionDir,
    env: { PATH: process.env.PATH, HOME: tmpDir, TMPDIR: tmpDir, NODE_PATH: join(runtimeDir, 'node_modules'), ...contextEnv, ...env },
    stdio: ['pipe', 'pipe', 'pipe']
  })

  const frames = []
  const waiters = []
  let pending = ''
  let stderr = ''
  // Like the host: only lines starting with the exact prefix are frames.
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk) => {
    pending += chunk
    let newline
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      if (line.startsWith(prefix)) {
        const frame = JSON.parse(line.slice(prefix.length))
        const waiter = waiters.shift()
        if (waiter) waiter.resolve(frame)
        else frames.push(frame)
      } else if (line !== '') {
        fn.strays.push(line)
      }
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk) => { stderr += chunk })
  child.stdin.on('error', () => {}) // writes after the process exited

  const fn = {
    child,
    nonce,
    tmpDir,
    functionDir,
    cleanup,
    frames,
    strays: [],
    hasExited: false,
    get stderr () { return stderr },
    exited: new Promise((resolve) => {
      child.on('close', (code, signal) => {
        fn.hasExited = true
        for (const waiter of waiters.splice(0)) waiter.reject(new Error(`bootstrap exited (${code ?? signal}) before sending a frame; stderr: ${stderr}`))
        resolve({ code, signal })
      })
    }),
    nextFrame () {
      if (frames.length > 0) return Promise.resolve(frames.shift())
      if (fn.hasExited) return Promise.reject(new Error(`bootstrap has exited; stderr: ${stderr}`))
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no frame within ${FRAME_TIMEOUT_MS} ms; stderr: ${stderr}`)), FRAME_TIMEOUT_MS)
        waiters.push({
          resolve: (frame) => { clearTimeout(timer); resolve(frame) },
          reject: (err) => { clearTimeout(timer); reject(err) }
        })
      })
    },
    send (message) {
      child.stdin.write(JSON.stringify(message) + '\n')
    },
    async ready () {
      const frame = await fn.nextFrame()
      assert.equal(frame.type, 'ready')
      return frame
    },
    nextId: 0,
    async invoke (event, { env, context = defaultContext, id = `inv-${++fn.nextId}` } = {}) {
      fn.send({ type: 'invoke', id, event, context, env })
      const frame = await fn.nextFrame()
      assert.equal(frame.type, 'result')
      assert.equal(frame.id, id)
      return frame
    },
    async close () {
      child.stdin.end()
      return fn.exited
    }
  }
  running.add(fn)
  return fn
}

// A started fixture whose ready frame has arrived without an error.
async function warm (fixture, options) {
  const fn = start(fixture, options)
  assert.deepEqual(await fn.ready(), { type: 'ready' })
  return fn
}

// The parsed result of a successful invocation.
function resultOf (frame) {
  assert.equal(frame.ok, true, `invocation failed: ${JSON.stringify(frame.error)}`)
  assert.equal(typeof frame.result, 'string')
  return JSON.parse(frame.result)
}

function failureOf (frame) {
  assert.equal(frame.ok, false, `invocation succeeded: ${frame.result}`)
  assert.equal('result' in frame, false)
  return frame.error
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

describe('loading the function', () => {
  test('sends a ready frame once the module is loaded', async () => {
    const fn = start('async')
    assert.deepEqual(await fn.ready(), { type: 'ready' })
    assert.deepEqual(fn.strays, [])
  })

  test('a missing file gives a ready error, and each invocation reports it', async () => {
    const fn = start('async', { handler: 'missing.main' })
    const ready = await fn.ready()
    assert.equal(ready.error.message, "Cannot find module './missing'")
    assert.equal(failureOf(await fn.invoke({})).message, "Cannot find module './missing'")
  })

  test('a missing export gives a ready error', async () => {
    const fn = start('no-export')
    const ready = await fn.ready()
    assert.equal(ready.error.message, 'exports.main is not a function')
    assert.equal(failureOf(await fn.invoke({})).message, 'exports.main is not a function')
  })

  test('a module that throws on load gives a ready error with its stack, and the process keeps running', async () => {
    const fn = start('throws-on-load')
    const { error } = await fn.ready()
    assert.equal(error.message, 'failed to initialise: no configuration')
    assert.match(error.stack, /throws-on-load\/index\.js/)
    assert.equal(failureOf(await fn.invoke({})).message, 'failed to initialise: no configuration')
    assert.equal(fn.hasExited, false)
  })

  test('other handler names and nested files', async () => {
    assert.equal(resultOf(await (await warm('no-export', { handler: 'index.handler' })).invoke({})), 'from handler')
    assert.equal(resultOf(await (await warm('nested', { handler: 'app.handler' })).invoke({})), 'app.handler')
    assert.equal(resultOf(await (await warm('nested', { handler: 'src/index.main' })).invoke({})), 'src/index.main')
  })
})

describe('completing an invocation', () => {
  test('async main: the event and context are passed as given', async () => {
    const fn = await warm('async')
    const event = { a: [1, 'two', { three: null }], s: '中文' }
    const frame = await fn.invoke(event)
    assert.deepEqual(resultOf(frame), { event, context: defaultContext })
    assert.deepEqual(frame.logs, [])
    assert.ok(Number.isInteger(frame.durationMs) && frame.durationMs >= 0)
  })

  test('durationMs measures the invocation', async () => {
    const fn = await warm('async')
    const frame = await fn.invoke({ delayMs: 200 })
    assert.ok(frame.durationMs >= 190 && frame.durationMs < 5000, `durationMs ${frame.durationMs}`)
  })

  test('sync return value', async () => {
    const fn = await warm('sync')
    assert.deepEqual(resultOf(await fn.invoke({ n: 21 })), { doubled: 42 })
  })

  test('sync undefined from a function without a callback parameter is the result null', async () => {
    const fn = await warm('sync')
    assert.equal((await fn.invoke({})).result, 'null')
  })

  test('callback style', async () => {
    const fn = await warm('callback')
    assert.deepEqual(resultOf(await fn.invoke({ mode: 'later' })), { via: 'callback' })
  })

  test('callback with an error', async () => {
    const fn = await warm('callback')
    const error = failureOf(await fn.invoke({ mode: 'error' }))
    assert.equal(error.message, 'callback failed')
    assert.match(error.stack, /^Error: callback failed\n\s+at /)
  })

  test('callback and promise: the callback came first and wins', async () => {
    const fn = await warm('callback')
    assert.equal(resultOf(await fn.invoke({ mode: 'callback-first' })), 'from callback')
  })

  test('callback and promise: the promise came first and wins; the late callback is ignored', async () => {
    const fn = await warm('callback')
    assert.equal(resultOf(await fn.invoke({ mode: 'promise-first' })), 'from promise')
    await sleep(80) // the late callback has fired by now
    assert.deepEqual(resultOf(await fn.invoke({ mode: 'later' })), { via: 'callback' })
    assert.deepEqual(fn.frames, [])
  })

  test('undefined result is the JSON text null', async () => {
    const fn = await warm('results')
    const frame = await fn.invoke({ mode: 'undefined' })
    assert.equal(frame.ok, true)
    assert.equal(frame.result, 'null')
  })

  test('two invocations on one process keep module state; a new process starts afresh', async () => {
    const fn = await warm('counter')
    assert.deepEqual(resultOf(await fn.invoke({})), { count: 1 })
    assert.deepEqual(resultOf(await fn.invoke({})), { count: 2 })
    assert.deepEqual(resultOf(await (await warm('counter')).invoke({})), { count: 1 })
  })

  test('an invocation arriving while one runs is answered busy', async () => {
    const fn = await warm('async')
    fn.send({ type: 'invoke', id: 'slow', event: { delayMs: 200 }, context: defaultContext })
    fn.send({ type: 'invoke', id: 'eager', event: {}, context: defaultContext })
    const busy = await fn.nextFrame()
    assert.equal(busy.id, 'eager')
    assert.equal(failureOf(busy).message, 'busy')
    const slow = await fn.nextFrame()
    assert.equal(slow.id, 'slow')
    assert.deepEqual(resultOf(slow).event, { delayMs: 200 })
  })

  test("the seed's example function", async () => {
    const fn = await warm('seed')
    const frame = await fn.invoke({ a: 12, b: 19, userInfo: { appId: 'wx123' } })
    assert.equal(frame.ok, true)
    assert.equal(frame.result, '{"appId":"wx123","sum":31}')
  })
})

describe('failures', () => {
  test('thrown Error: message and stack', async () => {
    const fn = await warm('errors')
    const error = failureOf(await fn.invoke({ mode: 'throw-error' }))
    assert.equal(error.message, 'something broke')
    assert.match(error.stack, /^TypeError: something broke\n\s+at .*fixtures\/errors\/index\.js/)
  })

  test('thrown string: its text, no stack', async () => {
    const fn = await warm('errors')
    assert.deepEqual(failureOf(await fn.invoke({ mode: 'throw-string' })), { message: 'plain string' })
  })

  test('rejected promise', async () => {
    const fn = await warm('errors')
    const error = failureOf(await fn.invoke({ mode: 'reject' }))
    assert.equal(error.message, 'rejected on purpose')
    assert.match(error.stack, /^Error: rejected on purpose/)
  })

  test('an unhandled rejection fails that invocation only; the next one works', async () => {
    const fn = await warm('errors')
    assert.equal(failureOf(await fn.invoke({ mode: 'unhandled-rejection' })).message, 'nobody handles this')
    assert.equal(resultOf(await fn.invoke({ mode: 'ok' })), 'fine')
    await sleep(150) // the failed invocation's own promise settles late: no second frame
    assert.equal(resultOf(await fn.invoke({ mode: 'ok' })), 'fine')
    assert.deepEqual(fn.frames, [])
  })

  test('an unhandled rejection with a non-Error reason reports the reason', async () => {
    const fn = await warm('errors')
    assert.deepEqual(failureOf(await fn.invoke({ mode: 'unhandled-string' })), { message: 'a string reason' })
  })

  test('an uncaught exception fails that invocation only; the next one works', async () => {
    const fn = await warm('errors')
    const error = failureOf(await fn.invoke({ mode: 'uncaught-exception' }))
    assert.equal(error.message, 'thrown from a timer')
    assert.match(error.stack, /^RangeError/)
    assert.equal(resultOf(await fn.invoke({ mode: 'ok' })), 'fine')
  })

  test('a result of exactly 1 MiB of JSON is sent', async () => {
    const fn = await warm('results')
    const frame = await fn.invoke({ mode: 'repeat', char: 'x', count: 1024 * 1024 - 2 })
    assert.equal(frame.ok, true)
    assert.equal(Buffer.byteLength(frame.result), 1024 * 1024)
  })

  test('a result over 1 MiB of JSON is refused', async () => {
    const fn = await warm('results')
    const tooLarge = { message: "the function's result is larger than 1 MB" }
    assert.deepEqual(failureOf(await fn.invoke({ mode: 'repeat', char: 'x', count: 1024 * 1024 - 1 })), tooLarge)
    // Counted in UTF-8 bytes: 349,525 characters of 3 bytes each, plus the quotes
    assert.deepEqual(failureOf(await fn.invoke({ mode: 'repeat', char: '中', count: 349_525 })), tooLarge)
  })

  test('a circular or BigInt result cannot be serialised', async () => {
    const fn = await warm('results')
    const prefix = "the function's result could not be serialised as JSON: "
    const circular = failureOf(await fn.invoke({ mode: 'circular' }))
    assert.ok(circular.message.startsWith(prefix + 'Converting circular structure to JSON'), circular.message)
    const bigint = failureOf(await fn.invoke({ mode: 'bigint' }))
    assert.ok(bigint.message.startsWith(prefix), bigint.message)
    assert.match(bigint.message, /BigInt/)
  })
})

describe('environment', () => {
  test('invocation env is set for the invocation and removed after it', async () => {
    const fn = await warm('env', { env: { FUNCTION_VAR: 'from the function config' } })
    const names = ['WX_OPENID', 'WX_APPID', 'FUNCTION_VAR', 'TCB_ENV']
    const during = await fn.invoke({ names }, { env: { WX_OPENID: 'openid-1', WX_APPID: 'wx-app', FUNCTION_VAR: 'overridden' } })
    assert.deepEqual(resultOf(during), { WX_OPENID: 'openid-1', WX_APPID: 'wx-app', FUNCTION_VAR: 'overridden', TCB_ENV: 'test-env' })
    const after = await fn.invoke({ names })
    assert.deepEqual(resultOf(after), { WX_OPENID: '<unset>', WX_APPID: '<unset>', FUNCTION_VAR: 'from the function config', TCB_ENV: 'test-env' })
  })

  test('wx-server-sdk and @cloudbase/node-sdk resolve from NODE_PATH', async () => {
    const fn = await warm('sdk', { copy: true })
    assert.equal(existsSync(join(fn.functionDir, 'node_modules')), false)
    const { wxServerSdk, nodeSdk } = resultOf(await fn.invoke({}))
    const shared = join(runtimeDir, 'node_modules') + '/'
    assert.equal(wxServerSdk.init, 'function')
    assert.ok(wxServerSdk.resolved.startsWith(shared + 'wx-server-sdk/'), wxServerSdk.resolved)
    assert.equal(nodeSdk.init, 'function')
    assert.ok(nodeSdk.resolved.startsWith(shared + '@cloudbase/node-sdk/'), nodeSdk.resolved)
  })

  test('without NODE_PATH the shared SDKs are not found', async () => {
    const fn = start('sdk', { copy: true, env: { NODE_PATH: '' } })
    const { error } = await fn.ready()
    assert.match(error.message, /^Cannot find module 'wx-server-sdk'/)
    assert.equal(error.code, 'MODULE_NOT_FOUND')
  })
})

describe('logs', () => {
  test('console methods and stdout/stderr writes are captured, never printed', async () => {
    const fn = await warm('logs')
    const before = Date.now()
    const frame = await fn.invoke({ mode: 'levels' })
    assert.equal(resultOf(frame), 'logged')
    const logs = frame.logs.map(({ level, message }) => [level, message])
    assert.deepEqual(logs.slice(0, 5), [
      ['log', 'log answer=42'],
      ['info', 'info { nested: [ 1, 2 ] }'],
      ['warn', 'warn'],
      ['error', 'logged error'],
      ['debug', 'debug']
    ])
    assert.equal(logs[5][0], 'debug')
    assert.match(logs[5][1], /^Trace: traced\n\s+at .*fixtures\/logs\/index\.js/)
    assert.deepEqual(logs.slice(6), [['log', 'stdout write'], ['error', 'stderr bytes']])
    for (const entry of frame.logs) assert.ok(entry.time >= before && entry.time <= Date.now(), `time ${entry.time}`)
    await fn.close()
    assert.deepEqual(fn.strays, [])
    assert.doesNotMatch(fn.stderr, /stderr bytes|logged error|traced/)
  })

  test('100,000 console.log lines: 1,000 entries and a note of the rest', async () => {
    const fn = await warm('logs')
    const { logs } = await fn.invoke({ mode: 'bulk', count: 100_000 })
    assert.equal(logs.length, 1001)
    assert.equal(logs[0].message, 'line 0')
    assert.equal(logs[999].message, 'line 999')
    assert.equal(logs[1000].level, 'warn')
    assert.equal(logs[1000].message, '99000 log lines dropped (log limit reached)')
  })

  test('log text is bounded at 256 KiB per invocation', async () => {
    const fn = await warm('logs')
    const { logs } = await fn.invoke({ mode: 'big', count: 300, size: 1024 })
    const kept = logs.slice(0, -1)
    assert.equal(kept.reduce((sum, entry) => sum + Buffer.byteLength(entry.message), 0), 256 * 1024)
    assert.equal(logs.at(-1).message, '44 log lines dropped (log limit reached)')
  })

  test('the limits are per invocation', async () => {
    const fn = await warm('logs')
    assert.equal((await fn.invoke({ mode: 'bulk', count: 2000 })).logs.length, 1001)
    assert.deepEqual((await fn.invoke({ mode: 'bulk', count: 2 })).logs.map((entry) => entry.message), ['line 0', 'line 1'])
  })

  test('output and errors between invocations go nowhere and do not break the protocol', async () => {
    const fn = await warm('logs')
    assert.equal(resultOf(await fn.invoke({ mode: 'leave-timer' })), 'returned')
    await sleep(100) // the timer logs, writes and throws now, between invocations
    const next = await fn.invoke({ mode: 'bulk', count: 1 })
    assert.deepEqual(next.logs.map((entry) => entry.message), ['line 0'])
    assert.deepEqual(fn.strays, [])
    assert.deepEqual(fn.frames, [])
  })
})

describe('the protocol channel', () => {
  test('stray fd 1 writes and forged frames without the nonce are not frames', async () => {
    const fn = await warm('strays')
    const frame = await fn.invoke({})
    const result = resultOf(frame)
    assert.deepEqual(fn.strays, [
      'junk',
      '\u001eAC {"type":"result","id":"1","ok":true,"result":"\\"forged without nonce\\""}',
      '\u001eACdeadbeef {"type":"result","id":"1","ok":true,"result":"\\"forged with a wrong nonce\\""}',
      'no newline at the end' // the real frame still started on a line of its own
    ])
    assert.deepEqual(fn.frames, [])
    // user code cannot learn the nonce: not in argv, execArgv, env, nor /proc/self/cmdline
    assert.equal(JSON.stringify(result).includes(fn.nonce), false)
    assert.equal(result.argv.length, 2)
    assert.equal(result.cmdline, 'ERR_ACCESS_DENIED')
  })

  test('a large frame reaches a host that reads slowly (full pipe)', async () => {
    const fn = await warm('results')
    fn.child.stdout.pause() // the pipe fills up (64 KiB) long before the 1 MiB frame is written
    fn.send({ type: 'invoke', id: 'big', event: { mode: 'repeat', char: 'y', count: 1024 * 1024 - 2 }, context: defaultContext })
    await sleep(300)
    fn.child.stdout.resume()
    const frame = await fn.nextFrame()
    assert.equal(frame.id, 'big')
    assert.equal(frame.result, JSON.stringify('y'.repeat(1024 * 1024 - 2)))
  })

  test('stdin closing ends the process with code 0', async () => {
    const fn = await warm('async')
    assert.deepEqual(await fn.close(), { code: 0, signal: null })
  })
})

describe('permission model', () => {
  test('reading outside the allowed directories is denied', async () => {
    const fn = await warm('sandbox')
    const error = failureOf(await fn.invoke({ mode: 'read-outside' }))
    assert.equal(error.code, 'ERR_ACCESS_DENIED')
  })

  test('reading its own files is allowed', async () => {
    const fn = await warm('sandbox')
    assert.equal(resultOf(await fn.invoke({ mode: 'read-own-file' })), '// Probes what the permission model allows.')
  })

  test('child processes are denied', async () => {
    const fn = await warm('sandbox')
    const error = failureOf(await fn.invoke({ mode: 'exec' }))
    assert.equal(error.code, 'ERR_ACCESS_DENIED')
  })

  test('writing in the tmp directory works; os.tmpdir() and os.homedir() are it', async () => {
    const fn = await warm('sandbox')
    assert.deepEqual(resultOf(await fn.invoke({ mode: 'write-tmp' })), { tmpdir: fn.tmpDir, home: fn.tmpDir, content: 'written in tmp' })
    assert.equal(existsSync(join(fn.tmpDir, 'note.txt')), true)
  })

  test('without --allow-fs-read=<tmpDir>, tmp files can be written but not read back', async () => {
    const fn = await warm('sandbox', { readTmp: false })
    const error = failureOf(await fn.invoke({ mode: 'write-tmp' }))
    assert.equal(error.code, 'ERR_ACCESS_DENIED')
    assert.match(error.stack, /readFileSync/)
    assert.equal(existsSync(join(fn.tmpDir, 'note.txt')), true)
  })

  test('writing in the function directory is denied', async () => {
    const fn = await warm('sandbox')
    assert.equal(failureOf(await fn.invoke({ mode: 'write-function-dir' })).code, 'ERR_ACCESS_DENIED')
    assert.equal(existsSync(join(fixturesDir, 'sandbox', 'should-not-exist.txt')), false)
  })

  test('process.exit(3) ends the process with code 3', async () => {
    const fn = await warm('sandbox')
    fn.send({ type: 'invoke', id: 'exit', event: { mode: 'exit' }, context: defaultContext })
    assert.deepEqual(await fn.exited, { code: 3, signal: null })
    assert.deepEqual(fn.frames, [])
  })
})
