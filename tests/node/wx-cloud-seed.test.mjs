// The seed's mini-program snippets, verbatim, on a fake phone: `wx` is the fake of web-support.mjs (real requests,
// real files), `wx.cloud` is clients/wx-cloud over the unmodified @cloudbase/js-sdk 2.x mini-program build, and the
// only lines that differ from a WeChat Cloud Development mini program are the two that install it (see
// clients/wx-cloud/README.md). As the admin, through node-sdk, the test first resets the `books` collection (READONLY:
// everyone reads, users create) with the seed's two records, deploys the seed's `add` function under that name and sets
// the storage permission to READONLY. Then it checks what the snippets log, and wx.cloud's result and error shapes,
// against what the server really stored.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { deflateSync, crc32 } from 'node:zlib'
import { connect, url, envId, admin, adminData, uniqueName, readAll, seedBooks } from './support.mjs'
import { setAcl } from './permissions-support.mjs'
import { fixtureZip } from './functions-support.mjs'
import { fileIdOf, download, tempDir } from './storage-support.mjs'
import { miniProgram } from './web-support.mjs'

// ---------------------------------------------------------------------------------------------------------------
// The seed's snippets, character for character (seed-examples.md). Of the two callFunction calls the page shows, the
// first lacks a comma and is not JavaScript; this is the Promise form after it.

const QUERY_SNIPPET = `// 1. 获取数据库引用
const db = wx.cloud.database()
// 2. 构造查询语句
// collection 方法获取一个集合的引用
// where 方法传入一个对象，数据库返回集合中字段等于指定值的 JSON 文档。API 也支持高级的查询条件（比如大于、小于、in 等），具体见文档查看支持列表
// get 方法会触发网络请求，往数据库取数据
db.collection('books').where({
  publishInfo: {
    country: 'United States'
  }
}).get({  
  success: function(res) {
  // 输出 [{ "title": "The Catcher in the Rye", ... }]
  console.log(res)
 }
})`

const UPLOAD_SNIPPET = `// 让用户选择一张图片
wx.chooseImage({
  success: chooseResult => {
    // 将图片上传至云存储空间
    wx.cloud.uploadFile({
      // 指定上传到的云路径
      cloudPath: 'my-photo.png',
      // 指定要上传的文件的小程序临时文件路径
      filePath: chooseResult.tempFilePaths[0],
      // 成功回调
      success: res => {
        console.log('上传成功', res)
      },
    })
  },
})`

const CALL_SNIPPET = `wx.cloud.callFunction({
  name: 'add',
  data: {
    a: 12,
    b: 19
  }
}).then(console.log)`

// The two lines of clients/wx-cloud/README.md that point a mini program at ActorCloud.
const INSTALL = `wx.cloud = require('@actorcloud/wx-cloud')
wx.cloud.init({ env: ${JSON.stringify(envId)}, endpoint: ${JSON.stringify(url)} })`

// ---------------------------------------------------------------------------------------------------------------

const { catcher, lady } = seedBooks
const APPID = 'wx-seed-app'
const PHOTO = fileIdOf('my-photo.png')

/** A PNG of `width`×`height` noise, about the size of a phone picture's thumbnail. */
function noisePng(width, height) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const tail = Buffer.alloc(4)
    tail.writeUInt32BE(crc32(body))
    return Buffer.concat([head, body, tail])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])))
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

const { app, db } = connect()
const files = await tempDir('wx-cloud-seed-')
const photoPath = join(files, 'tmp_chosen.png')
const photo = noisePng(160, 120)
writeFileSync(photoPath, photo)

/** A phone of a new WeChat user with wx.cloud installed the README's way. */
function phone(name) {
  const openid = `o-${name}-${randomBytes(4).toString('hex')}`
  const p = miniProgram({ openid, appid: APPID, images: [photoPath], tempDir: files })
  p.run(INSTALL)
  return { ...p, openid, cloud: p.wx.cloud }
}

/** Awaits a rejection and returns the error. */
async function rejection(promise) {
  let error
  await assert.rejects(promise, e => {
    error = e
    return true
  })
  return error
}

before(async () => {
  // `books`, anew, holding exactly the seed's two records (as the admin: only the admin may set an _openid).
  const dropped = await admin('actorcloud.dropCollection', { collectionName: 'books' })
  assert.ok(!dropped.code || dropped.code === 'DATABASE_COLLECTION_NOT_EXIST', `drop books: ${JSON.stringify(dropped)}`)
  await db.createCollection('books')
  await setAcl('books', 'READONLY')
  await db.collection('books').add([catcher, lady])

  // The seed's `add` function under its own name: created, or its code replaced if an earlier run left it.
  const code = { Code: { ZipFile: fixtureZip('add') } }
  const created = await admin('actorcloud.createFunction', { FunctionName: 'add', ...code })
  if (created.code === 'ResourceInUse.Function') await adminData('actorcloud.updateFunctionCode', { FunctionName: 'add', ...code })
  else assert.equal(created.code, undefined, `createFunction add: ${JSON.stringify(created)}`)

  // Users create files and everyone reads; my-photo.png is free again (an earlier run's user would own it).
  await adminData('actorcloud.modifyStorageSafeRule', { AclTag: 'READONLY' })
  await app.deleteFile({ fileList: [PHOTO] })
})

after(() => app.deleteFile({ fileList: [PHOTO] }))

describe("the seed's snippets", () => {
  const user = phone('seed')

  it('the package is built on the js-sdk version these tests pin', () => {
    const json = path => JSON.parse(readFileSync(new URL(path, import.meta.url)))
    const pinned = json('../../clients/wx-cloud/package.json').dependencies['@cloudbase/js-sdk']
    assert.equal(pinned, json('./node_modules/js-sdk-v2/package.json').version)
  })

  it('the books query logs The Catcher in the Rye, after signing the WeChat user in', async () => {
    user.run(QUERY_SNIPPET)
    const [res] = await user.nextLog()
    assert.deepEqual(res, { data: [catcher], errMsg: 'collection.get:ok' })
    // The first call signed in with wx.login's code (WeChat's openid flow), then queried; all through wx.request.
    assert.deepEqual(user.wx.traffic, [
      'POST /auth/v1/provider/token',
      'POST /auth/v1/signin/with/provider',
      'GET /auth/v1/user/me',
      'POST /web',
    ])
  })

  it('uploads the chosen image to my-photo.png, and it downloads back identical', async () => {
    user.run(UPLOAD_SNIPPET)
    const [label, res] = await user.nextLog()
    assert.equal(label, '上传成功')
    assert.deepEqual(res, { fileID: PHOTO, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
    assert.ok((await download(PHOTO)).equals(photo), 'the stored file differs from the chosen one')

    const back = await user.cloud.downloadFile({ fileID: PHOTO })
    assert.equal(back.errMsg, 'cloud.downloadFile:ok')
    assert.equal(back.statusCode, 200)
    assert.ok(readFileSync(back.tempFilePath).equals(photo), 'the downloaded file differs from the chosen one')
  })

  it('add answers sum 31 with the caller’s openid and appid (Promise form)', async () => {
    user.run(CALL_SNIPPET)
    const [res] = await user.nextLog()
    assert.deepEqual(res.result, { openId: user.openid, appId: APPID, sum: 31 })
    assert.equal(res.errMsg, 'cloud.callFunction:ok')
    assert.match(res.requestID, /^\S+$/)
    assert.deepEqual(Object.keys(res).sort(), ['errMsg', 'requestID', 'result'])
  })

  it('add in the callback form (the first call on the page, with the comma it lacks) completes the same way', async () => {
    user.run(`wx.cloud.callFunction({
  name: 'add', 
  data: {       
    a: 12,
    b: 19,
  },
  complete: console.log
})`)
    const [res] = await user.nextLog()
    assert.deepEqual(res.result, { openId: user.openid, appId: APPID, sum: 31 })
    assert.equal(res.errMsg, 'cloud.callFunction:ok')
  })
})

describe('wx.cloud result shapes', () => {
  const user = phone('shapes')
  const other = phone('other')
  const books = user.cloud.database().collection('books')

  it('add → {_id}; the server records the caller as _openid', async () => {
    const res = await books.add({ data: { title: 'Notebook', year: 2024 } })
    assert.deepEqual(Object.keys(res).sort(), ['_id', 'errMsg'])
    assert.equal(res.errMsg, 'collection.add:ok')
    const stored = await db.collection('books').doc(res._id).get()
    assert.deepEqual(stored.data, [{ _id: res._id, _openid: user.openid, title: 'Notebook', year: 2024 }])
  })

  it('doc.get → {data: the document}; a missing one fails with errCode -1', async () => {
    assert.deepEqual(await books.doc(catcher._id).get(), { data: catcher, errMsg: 'document.get:ok' })
    const error = await rejection(books.doc('no-such-book').get())
    assert.equal(error.errCode, -1)
    assert.match(error.errMsg, /^document\.get:fail cannot find document with _id no-such-book/)
  })

  it('doc update / set / remove → stats; another user’s document is filtered out (READONLY), not refused', async () => {
    const { _id } = await books.add({ data: { title: 'Draft', n: 1 } })
    const _ = user.cloud.database().command
    assert.deepEqual(await books.doc(_id).update({ data: { n: _.inc(2) } }), { stats: { updated: 1 }, errMsg: 'document.update:ok' })
    assert.deepEqual(await books.doc(_id).set({ data: { title: 'Final', n: 9 } }), {
      _id, stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok',
    })
    assert.deepEqual((await db.collection('books').doc(_id).get()).data, [{ _id, _openid: user.openid, title: 'Final', n: 9 }])

    const otherBooks = other.cloud.database().collection('books')
    assert.deepEqual(await otherBooks.doc(_id).update({ data: { n: 0 } }), { stats: { updated: 0 }, errMsg: 'document.update:ok' })
    assert.deepEqual(await otherBooks.doc(_id).remove(), { stats: { removed: 0 }, errMsg: 'document.remove:ok' })
    assert.deepEqual(await books.doc(_id).remove(), { stats: { removed: 1 }, errMsg: 'document.remove:ok' })
    assert.deepEqual((await db.collection('books').doc(_id).get()).data, [])
  })

  it('where / orderBy / skip / limit / field / count, commands, RegExp, serverDate and Geo', async () => {
    const cloudDb = user.cloud.database()
    const _ = cloudDb.command
    const shelf = uniqueName('wxshelf')
    await db.createCollection(shelf)
    await setAcl(shelf, 'READONLY')
    const mine = cloudDb.collection(shelf)
    for (let n = 1; n <= 25; n++) await mine.add({ data: { n, name: `book-${n}`, added: cloudDb.serverDate() } })

    // wx.cloud's default page is 20 documents.
    const page = await mine.orderBy('n', 'asc').get()
    assert.deepEqual(page.data.map(d => d.n), Array.from({ length: 20 }, (_, i) => i + 1))
    assert.ok(page.data.every(d => d.added instanceof Date && Math.abs(d.added - Date.now()) < 60_000), 'serverDate became a Date')

    const some = await mine.where({ n: _.gt(10).and(_.lte(20)), name: cloudDb.RegExp({ regexp: '^BOOK-1', options: 'i' }) })
      .orderBy('n', 'desc').skip(2).limit(3).field({ n: true }).get()
    assert.equal(some.errMsg, 'collection.get:ok')
    assert.deepEqual(some.data.map(({ _id, ...rest }) => [typeof _id, rest]), [['string', { n: 17 }], ['string', { n: 16 }], ['string', { n: 15 }]])
    assert.deepEqual(await mine.where({ n: _.in([1, 2, 3, 99]) }).count(), { total: 3, errMsg: 'collection.count:ok' })

    const updated = await mine.where({ n: _.lte(5) }).update({ data: { low: true } })
    assert.deepEqual(updated, { stats: { updated: 5 }, errMsg: 'collection.update:ok' })
    assert.deepEqual(await mine.where({ low: true }).remove(), { stats: { removed: 5 }, errMsg: 'collection.remove:ok' })
    assert.equal((await readAll(db.collection(shelf))).length, 20)

    const { _id } = await mine.add({ data: { n: 0, place: cloudDb.Geo.Point(113.3, 23.1) } })
    const { data } = await mine.doc(_id).get()
    assert.deepEqual([data.place.longitude, data.place.latitude], [113.3, 23.1])
    const [stored] = (await db.collection(shelf).doc(_id).get()).data
    assert.deepEqual(stored.place.toJSON(), { type: 'Point', coordinates: [113.3, 23.1] })
  })

  it('getTempFileURL and deleteFile → fileList items with status and errMsg', async () => {
    const path = `${uniqueName('wxfiles')}/note.txt`
    const notePath = join(files, 'note.txt')
    writeFileSync(notePath, 'a note from the phone')
    const { fileID } = await user.cloud.uploadFile({ cloudPath: path, filePath: notePath })
    assert.equal(fileID, fileIdOf(path))

    const urls = await user.cloud.getTempFileURL({ fileList: [fileID] })
    assert.equal(urls.errMsg, 'cloud.getTempFileURL:ok')
    const [item] = urls.fileList
    assert.equal(item.fileID, fileID)
    assert.equal(item.status, 0)
    assert.equal(item.errMsg, 'ok')
    assert.equal(await (await fetch(item.tempFileURL)).text(), 'a note from the phone')

    assert.deepEqual(await user.cloud.deleteFile({ fileList: [fileID] }), {
      fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg: 'cloud.deleteFile:ok',
    })
    const gone = await user.cloud.getTempFileURL({ fileList: [fileID] })
    assert.equal(gone.fileList[0].status, -503003)
    assert.equal(gone.fileList[0].errMsg, 'STORAGE_FILE_NONEXIST')
  })
})

describe('callbacks, Promises and errors', () => {
  const user = phone('errors')
  const cloudDb = user.cloud.database()
  const missing = uniqueName('nocoll')

  it('with success and complete: both get the result, and nothing is returned', async () => {
    const seen = []
    let returned
    await new Promise(resolve => {
      returned = cloudDb.collection('books').doc(catcher._id).get({
        success: res => seen.push(['success', res]),
        fail: res => seen.push(['fail', res]),
        complete: res => {
          seen.push(['complete', res])
          resolve()
        },
      })
    })
    assert.equal(returned, undefined)
    assert.deepEqual(seen.map(([kind]) => kind), ['success', 'complete'])
    assert.equal(seen[0][1], seen[1][1])
    assert.deepEqual(seen[0][1], { data: catcher, errMsg: 'document.get:ok' })
  })

  it('with fail and complete: both get {errCode, errMsg} of the server’s failure', async () => {
    const seen = []
    await new Promise(resolve => {
      cloudDb.collection(missing).get({
        success: res => seen.push(['success', res]),
        fail: error => seen.push(['fail', error]),
        complete: res => {
          seen.push(['complete', res])
          resolve()
        },
      })
    })
    assert.deepEqual(seen.map(([kind]) => kind), ['fail', 'complete'])
    const [, error] = seen[0]
    assert.equal(seen[1][1], error)
    assert.equal(error.errCode, -502005)
    assert.match(error.errMsg, new RegExp(`^collection\\.get:fail -502005 database collection not exists\\. .*${missing}`))
  })

  it('as Promises, server failures reject with their code (db, permission, functions)', async () => {
    const count = await rejection(cloudDb.collection(missing).count())
    assert.equal(count.errCode, -502005)
    assert.match(count.errMsg, /^collection\.count:fail -502005 database collection not exists\. /)

    const closed = uniqueName('wxclosed')
    await db.createCollection(closed)
    await setAcl(closed, 'ADMINONLY')
    const denied = await rejection(cloudDb.collection(closed).add({ data: { x: 1 } }))
    assert.equal(denied.errCode, -502003)
    assert.match(denied.errMsg, /^collection\.add:fail -502003 database permission denied\. /)

    const call = await rejection(user.cloud.callFunction({ name: uniqueName('nofn'), data: {} }))
    assert.equal(call.errCode, -504002)
    assert.match(call.errMsg, /^cloud\.callFunction:fail -504002 functions execute fail\. /)
  })

  it('a failure on the phone itself (no such local file) is errCode -1', async () => {
    const cloudPath = `${uniqueName('wxfiles')}/x.png`
    const error = await rejection(user.cloud.uploadFile({ cloudPath, filePath: join(files, 'no-such-file.png') }))
    assert.equal(error.errCode, -1)
    assert.match(error.errMsg, /^cloud\.uploadFile:fail /)
  })
})
