// File storage through node-sdk, uploads: uploadFile/downloadFile round trips (text, binary, empty, unicode and
// punctuation paths, streams) and the cloud paths and file ids that are refused as INVALID_PARAM.
// Every test works under a directory of its own (random name), so tests never see each other's files.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { connect, url, envId, expectError } from './support.mjs'
import { BUCKET, fileIdOf, sha256, newDir, tempDir, admin, upload, download, tempUrl, urlCode, get } from './storage-support.mjs'

const { app } = connect()

const tmp = await tempDir('ac-storage-')

describe('upload and download round trips', () => {
  it('a small text file comes back byte for byte, under a cloud:// file id of this environment', async () => {
    const path = `${newDir()}/hello.txt`
    const content = Buffer.from('Hello, CloudBase!\nsecond line\n')
    const fileID = await upload(path, content)
    assert.equal(fileID, `cloud://${envId}.${envId}-1250000000/${path}`)
    const res = await app.downloadFile({ fileID })
    assert.deepEqual(Object.keys(res).sort(), ['fileContent', 'message'])
    assert.ok(res.fileContent.equals(content))
  })

  it('binary content with every byte value survives unchanged', async () => {
    const path = `${newDir()}/blob.bin`
    const content = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000)])
    const fileID = await upload(path, content)
    const back = await download(fileID)
    assert.equal(back.length, content.length)
    assert.equal(sha256(back), sha256(content))
    assert.ok(back.equals(content))
  })

  it('an empty file is stored and read back as zero bytes', async () => {
    const path = `${newDir()}/empty.txt`
    const fileID = await upload(path, Buffer.alloc(0))
    assert.equal((await download(fileID)).length, 0)
    const res = await get(await tempUrl(fileID))
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-length'), '0')
    assert.equal(res.headers.get('etag'), `"${sha256(Buffer.alloc(0))}"`)
    assert.equal((await res.arrayBuffer()).byteLength, 0)
    const [info] = (await app.getFileInfo({ fileList: [fileID] })).fileList
    assert.equal(info.code, 'SUCCESS')
    assert.equal(info.size, 0)
  })

  it('a unicode path with spaces works end to end, and the temp URL keeps the path unescaped', async () => {
    const dir = newDir()
    const path = `${dir}/目录 一/文件 名（测试）.txt`
    const content = Buffer.from('你好，世界 🌏')
    const fileID = await upload(path, content)
    assert.equal(fileID, fileIdOf(path))
    assert.ok((await download(fileID)).equals(content))
    const tempFileURL = await tempUrl(fileID)
    assert.ok(tempFileURL.startsWith(`${url}/storage/${envId}/${path}?`), tempFileURL)
    const res = await get(tempFileURL)
    assert.equal(res.status, 200)
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(content))
  })

  it("a path with URL-significant characters CloudBase allows (+ & = ; , @ $ ! ' ( ))", async () => {
    const path = `${newDir()}/a+b&c=d;e,f@g$h!i'j(k).txt`
    const content = Buffer.from('punctuation')
    const fileID = await upload(path, content)
    assert.ok((await download(fileID)).equals(content))
  })

  it('an fs.ReadStream is uploaded like a Buffer', async () => {
    const content = randomBytes(200_000)
    await writeFile(join(tmp, 'f.bin'), content)
    const path = `${newDir()}/stream.bin`
    const fileID = await upload(path, createReadStream(join(tmp, 'f.bin')))
    assert.equal(sha256(await download(fileID)), sha256(content))
  })

  it('uploadFile refuses content that is neither a Buffer nor an fs.ReadStream (SDK check)', async () => {
    const path = `${newDir()}/s.txt`
    await expectError(app.uploadFile({ cloudPath: path, fileContent: 'a string' }), 'INVALID_PARAM')
    assert.equal(await urlCode(fileIdOf(path)), 'STORAGE_FILE_NONEXIST')
  })
})

describe('bad paths', () => {
  const bad = [
    ['empty', ''],
    ['leading /', '/abs/x.txt'],
    ['//', 'a//b.txt'],
    ['trailing /', 'dir/'],
    ['. segment', 'a/./b.txt'],
    ['.. segment', 'a/../b.txt'],
    ['. alone', '.'],
    ['.. alone', '..'],
    ['a newline', 'a\nb.txt'],
    ['a NUL', 'a\u0000b.txt'],
    ['a tab', 'a\tb.txt'],
    ['DEL', 'a\u007fb.txt'],
  ]
  for (const c of '`^"\\{}[]~%#<>?') bad.push([`'${c}'`, `dir/a${c}b.txt`])

  for (const [name, suffix] of bad) {
    it(`${name} is refused with INVALID_PARAM`, async () => {
      const cloudPath = ['empty', 'leading /', '. alone', '.. alone'].includes(name) ? suffix : `${newDir()}/${suffix}`
      await expectError(app.uploadFile({ cloudPath, fileContent: Buffer.from('x') }), 'INVALID_PARAM')
      const res = await admin('storage.getUploadMetadata', { path: cloudPath, method: 'put' })
      assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
      assert.equal(res.data, undefined)
    })
  }

  it('850 bytes of UTF-8 are allowed, 851 are not', async () => {
    const dir = newDir()
    const fill = n => `${dir}/${'中'.repeat(Math.floor(n / 3))}${'a'.repeat(n % 3)}`
    const at = 850 - Buffer.byteLength(`${dir}/`)
    const longest = fill(at)
    assert.equal(Buffer.byteLength(longest), 850)
    const fileID = await upload(longest, Buffer.from('long'))
    assert.equal((await download(fileID)).toString(), 'long')
    const tooLong = fill(at + 1)
    assert.equal(Buffer.byteLength(tooLong), 851)
    await expectError(app.uploadFile({ cloudPath: tooLong, fileContent: Buffer.from('x') }), 'INVALID_PARAM')
  })

  it('a malformed fileID is INVALID_PARAM in getTempFileURL and deleteFile', async () => {
    for (const fileID of ['x.txt', 'cloud://', 'cloud://nobucket/x.txt', `cloud://${BUCKET}/a//b.txt`, `cloud://${BUCKET}/../x.txt`]) {
      assert.equal(await urlCode(fileID), 'INVALID_PARAM', fileID)
      const res = await app.deleteFile({ fileList: [fileID] })
      assert.equal(res.fileList[0].code, 'INVALID_PARAM', fileID)
    }
  })
})
