// A wx-server-sdk function (required without bundling: the runtime provides it), initialised with
// DYNAMIC_CURRENT_ENV, calling back into this server with its own credentials: the database, file storage (both
// ways), a nested callFunction, and getWXContext() with and without a user.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, envId, uniqueName } from './support.mjs'
import { deploy, call, connectAs } from './functions-support.mjs'

const { app, db } = connect()
const user = await connectAs('o1', 'wx1')
const BUCKET = `${envId}.${envId}-1250000000`

describe('a wx-server-sdk function', () => {
  let wx
  let add
  before(async () => {
    wx = (await deploy('wx', { Timeout: 15 })).name
    add = (await deploy('add')).name
  })

  it('writes and reads the database of its environment, which the SDK then sees', async () => {
    const collection = uniqueName('fnwx')
    const result = await call(app, wx, { op: 'db', collection, text: 'written by a function' })
    assert.equal(typeof result._id, 'string')
    assert.deepEqual(result.doc, { _id: result._id, text: 'written by a function', n: 42 })
    assert.equal(result.total, 1)

    const res = await db.collection(collection).doc(result._id).get()
    assert.deepEqual(res.data, [{ _id: result._id, text: 'written by a function', n: 42 }])

    // The collection exists now: the function's createCollection fails, it catches that and adds a second document.
    const again = await call(app, wx, { op: 'db', collection, text: 'written by a function' })
    assert.notEqual(again._id, result._id)
    assert.equal(again.total, 2)
  })

  it('uploads a file the SDK downloads, and downloads a file the SDK uploaded', async () => {
    const dir = uniqueName('fnwx')
    const content = `uploaded by a function — ${dir}`
    const { fileID } = await call(app, wx, { op: 'upload', cloudPath: `${dir}/from-function.txt`, content })
    assert.equal(fileID, `cloud://${BUCKET}/${dir}/from-function.txt`)
    const { fileContent } = await app.downloadFile({ fileID })
    assert.equal(fileContent.toString('utf8'), content)

    const uploaded = await app.uploadFile({ cloudPath: `${dir}/from-sdk.txt`, fileContent: Buffer.from('from the SDK ✓') })
    const downloaded = await call(app, wx, { op: 'download', fileID: uploaded.fileID })
    assert.deepEqual(downloaded, { content: 'from the SDK ✓' })
  })

  it('calls another function (the seed add) with cloud.callFunction', async () => {
    const { result } = await call(app, wx, { op: 'nested', name: add, data: { a: 12, b: 19 } })
    assert.equal(result.sum, 31)
    assert.equal(typeof result.appId, 'string')
  })

  it('a nested call of an unknown function fails the outer call', async () => {
    await assert.rejects(
      app.callFunction({ name: wx, data: { op: 'nested', name: uniqueName('nofn'), data: {} } }),
      e => e.code === 'FUNCTIONS_EXECUTE_FAIL' && /FunctionName parameter could not be found/.test(e.message)
    )
  })

  it('getWXContext() for a user: OPENID, APPID, ENV and SOURCE', async () => {
    const context = await call(user.app, wx, { op: 'context' })
    assert.deepEqual(context, { OPENID: 'o1', APPID: 'wx1', ENV: envId, SOURCE: 'wx_client' })
  })

  it('getWXContext() without a user has no OPENID, even on a process that just served a user', async () => {
    const asUser = await call(user.app, wx, { op: 'context' })
    assert.equal(asUser.OPENID, 'o1')
    const context = await call(app, wx, { op: 'context' })
    assert.equal(context.OPENID, undefined)
    assert.equal(context.ENV, envId)
    assert.equal(typeof context.SOURCE, 'string')
    assert.notEqual(context.SOURCE, 'wx_client')
    assert.notEqual(context.APPID, 'wx1', "the previous caller's appid is gone")
  })

  it('two users in turn each see their own identity', async () => {
    const other = await connectAs('o2', 'wx2')
    for (let i = 0; i < 3; i++) {
      assert.equal((await call(user.app, wx, { op: 'context' })).OPENID, 'o1')
      assert.equal((await call(other.app, wx, { op: 'context' })).OPENID, 'o2')
    }
  })
})
