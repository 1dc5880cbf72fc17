// Cloud functions under concurrent calls: each process runs one call at a time, at most 10 processes serve one
// function version, and every caller gets its own answer. A redeploy never changes a call in flight: calls keep the
// version current when they arrived, later calls get the new code, and a rollback brings the old code back.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from './support.mjs'
import { deploy, call, updateCode, admin, adminData, sleep } from './functions-support.mjs'

const { app } = connect()
const MAX_PROCESSES = 10

/** The largest number of [started, ended] intervals that overlap at one instant. */
function maxOverlap(intervals) {
  const edges = intervals.flatMap(({ started, ended }) => [[started, 1], [ended, -1]])
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]) // at equal times an end comes before a start
  let running = 0
  let max = 0
  for (const [, delta] of edges) max = Math.max(max, (running += delta))
  return max
}

describe('50 concurrent calls', () => {
  it('all answer correctly, on at most 10 processes that each run one call at a time', async () => {
    const { name } = await deploy('sleeper', { Timeout: 10 })
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call(app, name, { value: `call-${i}`, ms: 200 })))
    results.forEach((result, i) => assert.equal(result.value, `call-${i}`, `call ${i} got another call's answer`))

    const pids = new Set(results.map(r => r.pid))
    assert.ok(pids.size <= MAX_PROCESSES, `${pids.size} processes served one version`)
    assert.ok(pids.size >= 2, 'concurrent calls are spread over several processes')

    for (const pid of pids) {
      const own = results.filter(r => r.pid === pid)
      assert.equal(maxOverlap(own), 1, `process ${pid} ran calls at the same time`)
    }
    const overlap = maxOverlap(results)
    assert.ok(overlap <= MAX_PROCESSES, `${overlap} calls ran at once`)
    assert.ok(overlap >= 2, 'calls did run in parallel')
  })
})

describe('redeploying while calls are in flight', () => {
  it('calls in flight finish on v1, calls after the update get v2, a rollback to version 1 gives v1 again', async () => {
    const { name, data: created } = await deploy('redeploy-v1', { Timeout: 10 })
    assert.equal(created.Version, 1)
    assert.equal(await call(app, name, {}), 'v1')

    let inFlight = 5
    const slow = Array.from({ length: 5 }, () => call(app, name, { ms: 1500 }).finally(() => inFlight--))
    await sleep(300) // the five have reached the function and are sleeping

    const updated = await updateCode(name, 'redeploy-v2')
    assert.equal(updated.Version, 2)
    assert.notEqual(updated.CodeSha256, created.CodeSha256)
    assert.equal(updated.Timeout, 10, 'the configuration carries over to the new code')

    const after = await Promise.all(Array.from({ length: 3 }, () => call(app, name, {})))
    assert.deepEqual(after, ['v2', 'v2', 'v2'])
    assert.equal(inFlight, 5, 'the update and the v2 calls did not wait for the calls in flight')

    assert.deepEqual(await Promise.all(slow), ['v1', 'v1', 'v1', 'v1', 'v1'])
    assert.equal(await call(app, name, {}), 'v2')

    const rolledBack = await adminData('actorcloud.rollBackFunction', { FunctionName: name, Version: 1 })
    assert.equal(rolledBack.Version, 3, 'a rollback is a new version')
    assert.equal(rolledBack.CodeSha256, created.CodeSha256)
    assert.deepEqual(rolledBack.Versions.map(v => v.Version), [3, 2, 1])
    assert.deepEqual(rolledBack.Versions.map(v => v.CodeSha256), [created.CodeSha256, updated.CodeSha256, created.CodeSha256])
    assert.equal(await call(app, name, {}), 'v1')
    assert.equal(await call(app, name, { ms: 10 }), 'v1')
  })

  it('a rollback to a version that never existed is INVALID_PARAM and changes nothing', async () => {
    const { name } = await deploy('redeploy-v1')
    const res = await admin('actorcloud.rollBackFunction', { FunctionName: name, Version: 7 })
    assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
    const current = await adminData('actorcloud.getFunction', { FunctionName: name })
    assert.equal(current.Version, 1)
    assert.equal(await call(app, name, {}), 'v1')
  })
})
