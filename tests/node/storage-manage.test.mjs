// File storage through node-sdk, managing files: deleteFile and copyFile (move, overwrite, per-item answers,
// batch limits), and that one file's operations leave a sibling with a common prefix alone.
// Every test works under a directory of its own (random name), so tests never see each other's files.
import { describe, it, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect, expectError, assertRequestId } from './support.mjs'
import { fileIdOf, newDir, upload, download, tempUrl, urlCode, get, expectCosError } from './storage-support.mjs'

const { app } = connect()

describe('delete', () => {
  it('deleteFile answers SUCCESS, then the file is gone everywhere and its old URL answers 404', async () => {
    const path = `${newDir()}/gone.txt`
    const fileID = await upload(path, Buffer.from('soon gone'))
    const oldUrl = await tempUrl(fileID)
    const res = await app.deleteFile({ fileList: [fileID] })
    assertRequestId(res)
    assert.deepEqual(res.fileList, [{ fileID, code: 'SUCCESS' }])
    assert.equal(await urlCode(fileID), 'STORAGE_FILE_NONEXIST')
    await expectError(app.downloadFile({ fileID }), 'STORAGE_FILE_NONEXIST')
    const error = await expectCosError(await get(oldUrl), 404, 'NoSuchKey')
    assert.equal(error.resource, `/${path}`)
    assert.equal((await get(oldUrl, { method: 'HEAD' })).status, 404)
    const [info] = (await app.getFileInfo({ fileList: [fileID] })).fileList
    assert.equal(info.code, 'STORAGE_FILE_NONEXIST')
  })

  it('a second delete answers STORAGE_FILE_NONEXIST', async () => {
    const fileID = await upload(`${newDir()}/twice.txt`, Buffer.from('x'))
    assert.equal((await app.deleteFile({ fileList: [fileID] })).fileList[0].code, 'SUCCESS')
    const again = await app.deleteFile({ fileList: [fileID] })
    assert.equal(again.fileList.length, 1)
    assert.equal(again.fileList[0].fileID, fileID)
    assert.equal(again.fileList[0].code, 'STORAGE_FILE_NONEXIST')
  })

  it('a mixed batch deletes what exists and answers per file, in order', async () => {
    const dir = newDir()
    const a = await upload(`${dir}/a.txt`, Buffer.from('a'))
    const b = await upload(`${dir}/b.txt`, Buffer.from('b'))
    const keep = await upload(`${dir}/keep.txt`, Buffer.from('keep'))
    const missing = fileIdOf(`${dir}/missing.txt`)
    const foreign = 'cloud://other.other-1250000000/x.txt'
    const res = await app.deleteFile({ fileList: [a, missing, b, foreign] })
    assert.deepEqual(res.fileList.map(i => [i.fileID, i.code]), [
      [a, 'SUCCESS'],
      [missing, 'STORAGE_FILE_NONEXIST'],
      [b, 'SUCCESS'],
      [foreign, 'STORAGE_EXCEED_AUTHORITY'],
    ])
    assert.equal(await urlCode(a), 'STORAGE_FILE_NONEXIST')
    assert.equal(await urlCode(b), 'STORAGE_FILE_NONEXIST')
    assert.ok((await download(keep)).equals(Buffer.from('keep')))
  })

  it('a batch of 51 fails as a whole and deletes nothing', async () => {
    const fileID = await upload(`${newDir()}/batch.txt`, Buffer.from('stays'))
    await expectError(app.deleteFile({ fileList: Array.from({ length: 51 }, () => fileID) }), 'INVALID_PARAM')
    assert.ok((await download(fileID)).equals(Buffer.from('stays')))
  })

  it('a deleted path can be uploaded again', async () => {
    const path = `${newDir()}/again.txt`
    const fileID = await upload(path, Buffer.from('first life'))
    await app.deleteFile({ fileList: [fileID] })
    await upload(path, Buffer.from('second life'))
    assert.equal((await download(fileID)).toString(), 'second life')
  })
})

describe('copy', () => {
  it('copies the bytes to the target and keeps the source', async () => {
    const src = `${newDir()}/c.txt`
    const dst = `${newDir()}/sub/c.txt`
    const content = Buffer.from('copied content')
    const srcId = await upload(src, content)
    const res = await app.copyFile({ fileList: [{ srcPath: src, dstPath: dst }] })
    assertRequestId(res)
    assert.deepEqual(res.fileList, [{ fileId: fileIdOf(dst) }])
    assert.ok((await download(fileIdOf(dst))).equals(content))
    assert.ok((await download(srcId)).equals(content))
    const [info] = (await app.getFileInfo({ fileList: [fileIdOf(dst)] })).fileList
    assert.equal(info.contentType, 'text/plain')
  })

  it('removeOriginal:true moves the file', async () => {
    const src = `${newDir()}/m.bin`
    const dst = `${newDir()}/m.bin`
    const content = randomBytes(5000)
    const srcId = await upload(src, content)
    const res = await app.copyFile({ fileList: [{ srcPath: src, dstPath: dst, removeOriginal: true }] })
    assert.deepEqual(res.fileList, [{ fileId: fileIdOf(dst) }])
    assert.ok((await download(fileIdOf(dst))).equals(content))
    assert.equal(await urlCode(srcId), 'STORAGE_FILE_NONEXIST')
  })

  it('overwrite defaults to true: an existing target is replaced', async () => {
    const src = `${newDir()}/o.txt`
    const dst = `${newDir()}/o.txt`
    await upload(src, Buffer.from('new'))
    await upload(dst, Buffer.from('old'))
    const res = await app.copyFile({ fileList: [{ srcPath: src, dstPath: dst }] })
    assert.deepEqual(res.fileList, [{ fileId: fileIdOf(dst) }])
    assert.equal((await download(fileIdOf(dst))).toString(), 'new')
  })

  it('overwrite:false onto an existing target fails with STORAGE_REQUEST_FAIL and changes nothing', async () => {
    const src = `${newDir()}/k.txt`
    const dst = `${newDir()}/k.txt`
    await upload(src, Buffer.from('source'))
    await upload(dst, Buffer.from('target'))
    const res = await app.copyFile({ fileList: [{ srcPath: src, dstPath: dst, overwrite: false, removeOriginal: true }] })
    assert.equal(res.fileList.length, 1)
    assert.equal(res.fileList[0].code, 'STORAGE_REQUEST_FAIL')
    assert.equal(typeof res.fileList[0].message, 'string')
    assert.equal((await download(fileIdOf(dst))).toString(), 'target')
    assert.equal((await download(fileIdOf(src))).toString(), 'source', 'the source is not removed when the copy fails')
  })

  it('overwrite:false onto a free target copies', async () => {
    const src = `${newDir()}/f.txt`
    const dst = `${newDir()}/f.txt`
    await upload(src, Buffer.from('free'))
    const res = await app.copyFile({ fileList: [{ srcPath: src, dstPath: dst, overwrite: false }] })
    assert.deepEqual(res.fileList, [{ fileId: fileIdOf(dst) }])
    assert.equal((await download(fileIdOf(dst))).toString(), 'free')
  })

  it('a missing source answers STORAGE_FILE_NONEXIST and creates no target', async () => {
    const src = `${newDir()}/none.txt`
    const dst = `${newDir()}/none.txt`
    const res = await app.copyFile({ fileList: [{ srcPath: src, dstPath: dst }] })
    assert.equal(res.fileList.length, 1)
    assert.equal(res.fileList[0].code, 'STORAGE_FILE_NONEXIST')
    assert.equal(await urlCode(fileIdOf(dst)), 'STORAGE_FILE_NONEXIST')
  })

  it('a batch is answered per item, in order', async () => {
    const dirA = newDir()
    const dirB = newDir()
    await upload(`${dirA}/1.txt`, Buffer.from('one'))
    await upload(`${dirA}/3.txt`, Buffer.from('three'))
    const res = await app.copyFile({
      fileList: [
        { srcPath: `${dirA}/1.txt`, dstPath: `${dirB}/1.txt` },
        { srcPath: `${dirA}/2.txt`, dstPath: `${dirB}/2.txt` },
        { srcPath: `${dirA}/3.txt`, dstPath: `${dirB}/3.txt` },
      ],
    })
    assert.equal(res.fileList.length, 3)
    assert.deepEqual(res.fileList[0], { fileId: fileIdOf(`${dirB}/1.txt`) })
    assert.equal(res.fileList[1].code, 'STORAGE_FILE_NONEXIST')
    assert.deepEqual(res.fileList[2], { fileId: fileIdOf(`${dirB}/3.txt`) })
    assert.equal((await download(fileIdOf(`${dirB}/3.txt`))).toString(), 'three')
  })

  it('the SDK itself refuses different base names and identical paths', async () => {
    const dir = newDir()
    await upload(`${dir}/a.txt`, Buffer.from('a'))
    await expectError(app.copyFile({ fileList: [{ srcPath: `${dir}/a.txt`, dstPath: `${dir}/b.txt` }] }), 'INVALID_PARAM')
    await expectError(app.copyFile({ fileList: [{ srcPath: `${dir}/a.txt`, dstPath: `${dir}/a.txt` }] }), 'INVALID_PARAM')
    assert.equal(await urlCode(fileIdOf(`${dir}/b.txt`)), 'STORAGE_FILE_NONEXIST')
  })

  it('a batch of 51 fails as a whole and copies nothing', async () => {
    const dirA = newDir()
    const dirB = newDir()
    await upload(`${dirA}/x.txt`, Buffer.from('x'))
    const item = { srcPath: `${dirA}/x.txt`, dstPath: `${dirB}/x.txt` }
    await expectError(app.copyFile({ fileList: Array.from({ length: 51 }, () => item) }), 'INVALID_PARAM')
    assert.equal(await urlCode(fileIdOf(`${dirB}/x.txt`)), 'STORAGE_FILE_NONEXIST')
  })

  it('a copy target with a bad path is INVALID_PARAM for that item', async () => {
    const dir = newDir()
    await upload(`${dir}/p.txt`, Buffer.from('p'))
    const res = await app.copyFile({ fileList: [{ srcPath: `${dir}/p.txt`, dstPath: `${dir}/../p.txt` }] })
    assert.equal(res.fileList[0].code, 'INVALID_PARAM')
  })
})

test('uploads and temp URLs of one file do not leak into a sibling with a common prefix', async () => {
  const dir = newDir()
  const a = await upload(`${dir}/file.txt`, Buffer.from('A'))
  const b = await upload(`${dir}/file.txt.bak`, Buffer.from('B'))
  assert.equal((await download(a)).toString(), 'A')
  assert.equal((await download(b)).toString(), 'B')
  await app.deleteFile({ fileList: [a] })
  assert.equal((await download(b)).toString(), 'B')
})
