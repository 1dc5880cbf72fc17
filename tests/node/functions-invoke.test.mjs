// Cloud functions through node-sdk's callFunction: the seed's `add` verbatim, for an admin and for a user; every
// handler style (async, promise, sync, callback); the event and context a call receives; and the process
// environment: the deployment's variables and the CloudBase context, nothing of the host's.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, accessKey, envId } from './support.mjs'
import { deploy, call, connectAs, variables, expectCallFailure } from './functions-support.mjs'

const { app } = connect()
const user = await connectAs('o1', 'wx1')

describe("the seed's add function, unmodified", () => {
  let add
  before(async () => {
    add = (await deploy('add')).name
  })

  it('adds a and b for an admin caller, whose userInfo has an appId and no openId', async () => {
    const res = await app.callFunction({ name: add, data: { a: 12, b: 19 } })
    assert.equal(typeof res.requestId, 'string')
    assert.equal(res.result.sum, 31)
    assert.equal(typeof res.result.appId, 'string')
    assert.equal(res.result.openId, undefined)
    assert.deepEqual(Object.keys(res.result).sort(), ['appId', 'sum'])
  })

  it("gets the user's trusted openId and appId when called for a user", async () => {
    const result = await call(user.app, add, { a: 12, b: 19 })
    assert.deepEqual(result, { openId: 'o1', appId: 'wx1', sum: 31 })
  })

  it('serves many calls in a row', async () => {
    for (let i = 0; i < 20; i++) {
      assert.equal((await call(app, add, { a: i, b: i * 2 })).sum, i * 3)
    }
  })

  it('a caller-supplied userInfo is replaced by the real one', async () => {
    const result = await call(app, add, { a: 1, b: 2, userInfo: { openId: 'forged', appId: 'forged' } })
    assert.equal(result.sum, 3)
    assert.equal(result.openId, undefined)
    assert.notEqual(result.appId, 'forged')
  })
})

describe('handler styles', () => {
  const styles = [
    ['index.main', 'async'],
    ['index.promise', 'promise'],
    ['index.sync', 'sync'],
    ['index.callback', 'callback'],
  ]
  for (const [Handler, style] of styles) {
    it(`${Handler}: the ${style} style returns its result`, async () => {
      const { name } = await deploy('styles', { Handler })
      const data = { style, list: [1, 'two', { three: 3 }], nested: { ok: true, none: null } }
      const result = await call(app, name, data)
      assert.equal(result.style, style)
      assert.deepEqual(result.event, { ...data, userInfo: { appId: result.event.userInfo.appId } })
      assert.equal(typeof result.event.userInfo.appId, 'string')
    })
  }

  it('a callback given an error fails the call with its message', async () => {
    const { name } = await deploy('styles', { Handler: 'index.callbackError' })
    await expectCallFailure(app.callFunction({ name, data: {} }), /the callback reported a failure/)
  })

  it('a handler whose export does not exist fails every call, and says why', async () => {
    const { name } = await deploy('styles', { Handler: 'index.missing' })
    await expectCallFailure(app.callFunction({ name, data: {} }), /missing/)
  })
})

describe('what a call receives', () => {
  let name
  before(async () => {
    const deployed = await deploy('styles', {
      Timeout: 7,
      MemorySize: 128,
      Environment: variables({ FOO: 'bar', GREETING: 'héllo wörld', EMPTY: '' }),
    })
    name = deployed.name
  })

  it('context: function_name, request_id, time_limit_in_ms and memory_limit_in_mb', async () => {
    const first = await call(app, name, {})
    const second = await call(app, name, {})
    for (const { context } of [first, second]) {
      assert.equal(context.function_name, name)
      assert.equal(context.time_limit_in_ms, 7000)
      assert.equal(context.memory_limit_in_mb, 128)
      assert.equal(typeof context.request_id, 'string')
      assert.ok(context.request_id.length > 0)
    }
    assert.notEqual(first.context.request_id, second.context.request_id, 'each call has a request id of its own')
  })

  it('the event is the data plus userInfo; without data it is just userInfo', async () => {
    const result = await call(app, name, undefined)
    assert.deepEqual(Object.keys(result.event), ['userInfo'])
    const asUser = await call(user.app, name, { n: 1 })
    assert.deepEqual(asUser.event, { n: 1, userInfo: { appId: 'wx1', openId: 'o1' } })
  })

  it("the deployment's environment variables are set", async () => {
    const { env } = await call(app, name, {})
    assert.equal(env.FOO, 'bar')
    assert.equal(env.GREETING, 'héllo wörld')
    assert.equal(env.EMPTY, '')
  })

  it('the CloudBase context is set: the environment, and credentials that are not the admin key', async () => {
    const { env } = await call(app, name, {})
    assert.equal(env.TCB_ENV, envId)
    assert.equal(env.SCF_NAMESPACE, envId)
    assert.equal(typeof env.TENCENTCLOUD_SECRETID, 'string')
    assert.equal(typeof env.TENCENTCLOUD_SECRETKEY, 'string')
    assert.ok(!Object.values(env).includes(accessKey), 'no variable holds the admin key')
  })

  it("none of the host's variables are visible; HOME is the process's own temp folder", async () => {
    const { env, tmpdir } = await call(app, name, {})
    assert.equal(env.ACTORCLOUD_URL, undefined)
    assert.equal(env.ACTORCLOUD_KEY, undefined)
    assert.equal(env.ACTORCLOUD_ENV, undefined)
    const allowed = new Set(['FOO', 'GREETING', 'EMPTY', 'PATH', 'HOME', 'TMPDIR', 'NODE_PATH', 'CLOUDBASE_APIKEY'])
    const context = /^(TCB_|WX_|SCF_|TENCENTCLOUD_)/
    const foreign = Object.keys(env).filter(k => !allowed.has(k) && !context.test(k))
    assert.deepEqual(foreign, [], `host variables leaked into the function: ${foreign.join(', ')}`)
    assert.notEqual(env.HOME, '/root')
    assert.notEqual(env.HOME, process.env.HOME)
    assert.equal(env.HOME, tmpdir, 'HOME is the temp folder of the process')
  })

  it('sequential calls reuse the warm process, whose module-level state persists', async () => {
    const results = []
    for (let i = 0; i < 5; i++) results.push(await call(app, name, {}))
    assert.equal(new Set(results.map(r => r.pid)).size, 1, 'sequential calls reuse the idle process')
    const counts = results.map(r => r.calls)
    assert.deepEqual(counts, counts.map((_, i) => counts[0] + i), 'the module-level counter counts every call')
  })
})
