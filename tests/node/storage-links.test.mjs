// File storage through node-sdk, temp URLs: getTempFileURL's shape and maxAge, expiry, tampered or missing
// signatures, per-item answers of mixed batches and the batch limit.
// Every test works under a directory of its own (random name), so tests never see each other's files.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { connect, url, envId, expectError, assertRequestId } from './support.mjs'
import { fileIdOf, sleep, newDir, upload, tempUrl, urlCode, get, expectCosError, alter } from './storage-support.mjs'

const { app } = connect()

const DAY = 86400
const HEX32 = /^[0-9a-f]{32}$/

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Swaps a query parameter of a temp URL. */
function withParam(tempFileURL, name, value) {
  const [base, query] = tempFileURL.split('?')
  const params = new URLSearchParams(query)
  params.set(name, value)
  return `${base}?${params}`
}

describe('temp URLs', () => {
  it("a temp URL has CloudBase's shape, a default maxAge of one day, and serves the file", async () => {
    const path = `${newDir()}/doc.txt`
    const content = Buffer.from('temp url content')
    const fileID = await upload(path, content)
    const before = nowSeconds()
    const res = await app.getTempFileURL({ fileList: [fileID] })
    assertRequestId(res)
    assert.equal(res.fileList.length, 1)
    const item = res.fileList[0]
    assert.equal(item.code, 'SUCCESS')
    assert.equal(item.fileID, fileID)
    assert.equal(item.maxAge, DAY)
    const m = item.tempFileURL.match(/^(.*)\?sign=([0-9a-f]+)&t=(\d+)$/)
    assert.ok(m, `unexpected temp URL shape: ${item.tempFileURL}`)
    assert.equal(m[1], `${url}/storage/${envId}/${path}`)
    assert.match(m[2], HEX32)
    const t = Number(m[3])
    assert.ok(t >= before + DAY - 1 && t <= nowSeconds() + DAY + 1, `t=${t} is not one day ahead`)
    const got = await get(item.tempFileURL)
    assert.equal(got.status, 200)
    assert.ok(Buffer.from(await got.arrayBuffer()).equals(content))
  })

  it('maxAge is honoured, capped at one day, and zero or negative is INVALID_PARAM for that item', async () => {
    const fileID = await upload(`${newDir()}/age.txt`, Buffer.from('age'))
    const before = nowSeconds()
    const res = await app.getTempFileURL({
      fileList: [
        { fileID, maxAge: 60 },
        { fileID, maxAge: 10 * DAY },
        { fileID, maxAge: 0 },
        { fileID, maxAge: -5 },
      ],
    })
    const [short, capped, zero, negative] = res.fileList
    assert.equal(short.code, 'SUCCESS')
    assert.equal(short.maxAge, 60)
    const t = Number(new URL(short.tempFileURL).searchParams.get('t'))
    assert.ok(t >= before + 59 && t <= nowSeconds() + 61, `t=${t} is not 60 s ahead`)
    assert.equal(capped.code, 'SUCCESS')
    assert.equal(capped.maxAge, DAY)
    const tCapped = Number(new URL(capped.tempFileURL).searchParams.get('t'))
    assert.ok(tCapped <= nowSeconds() + DAY + 1, 'maxAge is capped at 86400')
    for (const item of [zero, negative]) {
      assert.equal(item.code, 'INVALID_PARAM')
      assert.equal(item.fileID, fileID)
      assert.ok(!item.tempFileURL, `no URL for a refused item: ${JSON.stringify(item)}`)
    }
  })

  it('an expired URL answers 403 while one issued at the same time with a longer maxAge still works', async () => {
    const content = Buffer.from('expiring')
    const fileID = await upload(`${newDir()}/exp.txt`, content)
    const res = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }, { fileID, maxAge: 60 }] })
    const [expiring, lasting] = res.fileList.map(i => i.tempFileURL)
    assert.equal(res.fileList[0].maxAge, 1)
    await sleep(2100)
    const error = await expectCosError(await get(expiring), 403, 'AccessDenied')
    assert.match(error.message, /expired/i)
    const ok = await get(lasting)
    assert.equal(ok.status, 200)
    assert.ok(Buffer.from(await ok.arrayBuffer()).equals(content))
  })

  it('a tampered sign answers 403 SignatureDoesNotMatch', async () => {
    const fileID = await upload(`${newDir()}/sign.txt`, Buffer.from('signed'))
    const good = await tempUrl(fileID)
    const sign = new URL(good).searchParams.get('sign')
    for (const bad of [alter(sign), alter(sign, 0), sign.slice(0, 31), `${sign}0`, '']) {
      await expectCosError(await get(withParam(good, 'sign', bad)), 403, 'SignatureDoesNotMatch')
    }
    assert.equal((await get(good)).status, 200, 'the untouched URL still works')
  })

  it('a tampered t answers 403, whether later or earlier (still in the future)', async () => {
    const fileID = await upload(`${newDir()}/t.txt`, Buffer.from('time'))
    const good = await tempUrl(fileID, 3600)
    const t = Number(new URL(good).searchParams.get('t'))
    for (const bad of [t + 1, t - 1, t + DAY * 365]) {
      await expectCosError(await get(withParam(good, 't', String(bad))), 403, 'SignatureDoesNotMatch')
    }
    assert.equal((await get(good)).status, 200)
  })

  it('a URL without sign or t is refused with 403', async () => {
    const fileID = await upload(`${newDir()}/bare.txt`, Buffer.from('bare'))
    const good = await tempUrl(fileID)
    const bare = good.split('?')[0]
    assert.equal((await get(bare)).status, 403)
    const params = new URL(good).searchParams
    assert.equal((await get(`${bare}?sign=${params.get('sign')}`)).status, 403)
    assert.equal((await get(`${bare}?t=${params.get('t')}`)).status, 403)
  })

  it("one file's signature does not open another file", async () => {
    const dir = newDir()
    const a = await upload(`${dir}/a.txt`, Buffer.from('A'))
    await upload(`${dir}/b.txt`, Buffer.from('B'))
    const urlA = await tempUrl(a)
    const forged = urlA.replace(`${dir}/a.txt?`, `${dir}/b.txt?`)
    assert.notEqual(forged, urlA)
    await expectCosError(await get(forged), 403, 'SignatureDoesNotMatch')
  })

  it('a mixed batch is answered item by item, in order', async () => {
    const dir = newDir()
    const fileID = await upload(`${dir}/here.txt`, Buffer.from('here'))
    const missing = fileIdOf(`${dir}/missing.txt`)
    const foreign = 'cloud://other.other-1250000000/x'
    const malformed = 'not-a-file-id'
    const res = await app.getTempFileURL({ fileList: [missing, fileID, foreign, malformed, { fileID, maxAge: 120 }] })
    assertRequestId(res)
    assert.deepEqual(res.fileList.map(i => [i.fileID, i.code]), [
      [missing, 'STORAGE_FILE_NONEXIST'],
      [fileID, 'SUCCESS'],
      [foreign, 'STORAGE_EXCEED_AUTHORITY'],
      [malformed, 'INVALID_PARAM'],
      [fileID, 'SUCCESS'],
    ])
    assert.equal(res.fileList[4].maxAge, 120)
    for (const i of [0, 2, 3]) {
      assert.ok(!res.fileList[i].tempFileURL, `a failed item has no URL: ${JSON.stringify(res.fileList[i])}`)
      assert.equal(typeof res.fileList[i].message, 'string')
    }
  })

  it('a fileID of this env but the wrong bucket is STORAGE_EXCEED_AUTHORITY', async () => {
    const fileID = await upload(`${newDir()}/bucket.txt`, Buffer.from('b'))
    const wrongBucket = fileID.replace(`${envId}-1250000000`, `${envId}-1250000001`)
    assert.notEqual(wrongBucket, fileID)
    assert.equal(await urlCode(wrongBucket), 'STORAGE_EXCEED_AUTHORITY')
  })

  it('50 items are answered; 51 fail the whole call with INVALID_PARAM', async () => {
    const fileID = await upload(`${newDir()}/many.txt`, Buffer.from('m'))
    const fifty = await app.getTempFileURL({ fileList: Array.from({ length: 50 }, () => fileID) })
    assert.equal(fifty.fileList.length, 50)
    assert.ok(fifty.fileList.every(i => i.code === 'SUCCESS'))
    await expectError(app.getTempFileURL({ fileList: Array.from({ length: 51 }, () => fileID) }), 'INVALID_PARAM')
  })
})
