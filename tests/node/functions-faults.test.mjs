// Functions that misbehave: each fault fails only its own call (FUNCTIONS_EXECUTE_FAIL with the function's error or
// CloudBase's timeout text) and the next call works. Errors that leave the process sound keep it serving; timeouts,
// exits and crashes cost the process, and the next call starts a fresh one. Plus the permission model (no host
// files, no child processes) and malformed or misdirected calls.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, uniqueName } from './support.mjs'
import { deploy, call, expectCallFailure, invokeRaw, adminData } from './functions-support.mjs'

const { app } = connect()
const ACCESS_DENIED = /Access to this API has been restricted|ERR_ACCESS_DENIED|permission/i

/** Times a promise; resolves to [elapsed ms, outcome]. */
async function timed(fn) {
  const started = Date.now()
  const outcome = await fn()
  return [Date.now() - started, outcome]
}

describe('faults inside a call', () => {
  let faults
  const ok = () => call(app, faults, { mode: 'ok' })

  before(async () => {
    faults = (await deploy('faults', { Timeout: 15 })).name
  })

  it('a thrown Error fails the call with its message and stack; the process keeps serving', async () => {
    const { pid } = await ok()
    const error = await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'throw', tag: 't1' } }),
      /thrown on purpose \(t1\)/)
    assert.match(error.message, /index\.js:\d+/, `the stack is in the error: ${error.message}`)
    assert.deepEqual(await ok(), { ok: true, pid })
  })

  it('a rejected promise fails the call with its message; the process keeps serving', async () => {
    const { pid } = await ok()
    await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'reject', tag: 'r1' } }), /rejected on purpose \(r1\)/)
    assert.deepEqual(await ok(), { ok: true, pid })
  })

  it('process.exit(1) fails the call; the next call runs on a new process', async () => {
    const { pid } = await ok()
    await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'exit' } }), /exit/i)
    const next = await ok()
    assert.notEqual(next.pid, pid)
  })

  it('a result of up to 1 MB comes back; a larger one fails the call', async () => {
    const limit = 1024 * 1024
    const fits = await call(app, faults, { mode: 'sized', bytes: limit })
    assert.equal(fits.length, limit - 2)
    await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'sized', bytes: limit + 1 } }), /1 ?MB/i)
    assert.equal((await ok()).ok, true)
  })

  it('a circular result fails the call', async () => {
    await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'circular' } }), /circular/i)
    assert.equal((await ok()).ok, true)
  })

  it('200k lines of console and stdout output do not break the call', async () => {
    const [elapsed, result] = await timed(() => call(app, faults, { mode: 'logs' }))
    assert.deepEqual(result, { logged: 200000 })
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`)
    // The call's captured output reaches the admin's call log, bounded, ending with a note of what was dropped.
    const { LogList } = await adminData('actorcloud.getFunctionLogs', { FunctionName: faults, Limit: 1 })
    const logs = LogList[0].Logs
    assert.equal(LogList[0].Status, 'success')
    assert.equal(logs[0].message, 'console line 0 of a flood')
    assert.ok(logs.length <= 1001, `${logs.length} log lines kept`)
    assert.match(logs.at(-1).message, /dropped/)
    assert.equal((await ok()).ok, true)
  })

  it("reading /etc/passwd or the host's files is refused by the permission model; the function's own files are not", async () => {
    const own = await call(app, faults, { mode: 'read', path: 'index.js' })
    assert.match(own, /Misbehaviour on demand/)
    for (const path of ['/etc/passwd', '/etc/hostname', '/proc/self/environ', '/proc/1/cmdline', '../../../../etc/passwd']) {
      await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'read', path } }), ACCESS_DENIED)
    }
    assert.equal((await ok()).ok, true)
  })

  it("child_process.execSync('id') is refused", async () => {
    await expectCallFailure(app.callFunction({ name: faults, data: { mode: 'exec' } }), ACCESS_DENIED)
    assert.equal((await ok()).ok, true)
  })
})

describe('faults beside other calls', () => {
  it('calls running at the same time as failing ones are not disturbed', async () => {
    const { name } = await deploy('faults', { Timeout: 15 })
    const modes = ['wait', 'exit', 'wait', 'throw', 'wait', 'circular', 'wait', 'reject', 'wait']
    const outcomes = await Promise.allSettled(modes.map(mode => call(app, name, { mode, ms: 500, tag: 'beside' })))
    outcomes.forEach((outcome, i) => {
      if (modes[i] === 'wait') {
        assert.equal(outcome.status, 'fulfilled', `a concurrent call failed: ${outcome.reason?.message}`)
        assert.equal(outcome.value.ok, true)
      } else {
        assert.equal(outcome.status, 'rejected', `${modes[i]} should fail`)
        assert.equal(outcome.reason.code, 'FUNCTIONS_EXECUTE_FAIL')
      }
    })
  })
})

describe('deadlines', () => {
  let quick
  before(async () => {
    quick = (await deploy('faults', { Timeout: 1 })).name
  })

  for (const mode of ['spin', 'hang']) {
    it(`${mode === 'spin' ? 'a busy loop (while(true){})' : 'a promise that never settles'} times out after 1 s; the next call works`, async () => {
      const { pid } = await call(app, quick, { mode: 'ok' }) // warm: the deadline then measures the call alone
      const [elapsed, error] = await timed(() =>
        expectCallFailure(app.callFunction({ name: quick, data: { mode } }), /^Invoking task timed out after 1 seconds$/))
      assert.ok(elapsed >= 900 && elapsed < 3000, `the timeout came after ${elapsed} ms`)
      assert.equal(error.code, 'FUNCTIONS_EXECUTE_FAIL')
      const next = await call(app, quick, { mode: 'ok' })
      assert.equal(next.ok, true)
      assert.notEqual(next.pid, pid, 'the timed-out process is not reused')
    })
  }
})

describe('memory exhaustion', () => {
  it('a function that allocates past MemorySize 64 fails its call; the next call works', async () => {
    const { name } = await deploy('faults', { Timeout: 30, MemorySize: 64 })
    const { pid } = await call(app, name, { mode: 'ok' })
    const error = await expectCallFailure(app.callFunction({ name, data: { mode: 'oom' } }))
    assert.doesNotMatch(error.message, /timed out/, 'the process died of its memory limit, not the deadline')
    const next = await call(app, name, { mode: 'ok' })
    assert.equal(next.ok, true)
    assert.notEqual(next.pid, pid)
  })
})

describe('malformed and misdirected calls', () => {
  let faults
  before(async () => {
    faults = (await deploy('faults')).name
  })

  it('request_data that is not JSON is INVALID_PARAM', async () => {
    for (const request_data of ['{bad', '{"a":', 'undefined']) {
      const res = await invokeRaw({ function_name: faults, request_data })
      assert.equal(res.code, 'INVALID_PARAM', `request_data ${request_data}: ${JSON.stringify(res)}`)
      assert.equal(typeof res.message, 'string')
    }
    // A well-formed raw call to the same function still works.
    const res = await invokeRaw({ function_name: faults, request_data: JSON.stringify({ mode: 'ok' }) })
    assert.equal(res.code, undefined, JSON.stringify(res))
    assert.equal(JSON.parse(res.data.response_data).ok, true)
  })

  it('an unknown function: FunctionName parameter could not be found', async () => {
    for (const name of [uniqueName('nofn'), '1-not-a-name', 'x'.repeat(61)]) {
      await expectCallFailure(app.callFunction({ name, data: {} }), /FunctionName parameter could not be found/)
    }
  })
})
