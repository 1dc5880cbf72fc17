// File storage through node-sdk, versions: overwriting a path, and ActorCloud's listFileVersions, restoreFile and
// revokeFileUrls actions (which the SDK does not have; called on /admin directly).
// Every test works under a directory of its own (random name), so tests never see each other's files.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from './support.mjs'
import { fileIdOf, sha256, newDir, admin, adminData, versionsOf, upload, download, tempUrl, get, expectCosError } from './storage-support.mjs'

const { app } = connect()

describe('overwrite', () => {
  it('uploading to the same path again makes the new content current, also behind an earlier URL', async () => {
    const path = `${newDir()}/over.txt`
    const fileID = await upload(path, Buffer.from('version one'))
    const earlierUrl = await tempUrl(fileID)
    assert.equal(await upload(path, Buffer.from('version two, longer')), fileID)
    assert.equal((await download(fileID)).toString(), 'version two, longer')
    const res = await get(earlierUrl)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('etag'), `"${sha256(Buffer.from('version two, longer'))}"`)
    assert.equal(Buffer.from(await res.arrayBuffer()).toString(), 'version two, longer')
    const [info] = (await app.getFileInfo({ fileList: [fileID] })).fileList
    assert.equal(info.size, 'version two, longer'.length)
  })
})

describe('versions, restore and revoke', () => {
  it('listFileVersions lists every version newest first, with size, type, sha256 and time', async () => {
    const path = `${newDir()}/v.txt`
    const one = Buffer.from('one')
    const two = Buffer.from('two two')
    const fileID = await upload(path, one)
    await upload(path, two)
    const data = await versionsOf(fileID)
    assert.equal(data.fileID, fileID)
    assert.equal(data.current, 2)
    assert.deepEqual(data.versions.map(v => [v.version, v.size, v.contentType, v.sha256]), [
      [2, two.length, 'text/plain', sha256(two)],
      [1, one.length, 'text/plain', sha256(one)],
    ])
    const [t2, t1] = data.versions.map(v => Date.parse(v.uploadedAt))
    assert.ok(Number.isFinite(t1) && Number.isFinite(t2) && t2 >= t1, JSON.stringify(data.versions))
    assert.ok(Math.abs(t2 - Date.now()) < 120_000)
    // a cloud path works as well as a file id
    assert.deepEqual((await versionsOf(path)).versions, data.versions)
  })

  it('restoreFile makes an earlier version current again, as a new version', async () => {
    const path = `${newDir()}/r.txt`
    const fileID = await upload(path, Buffer.from('original'))
    await upload(path, Buffer.from('mistake'))
    const restored = await adminData('actorcloud.restoreFile', { fileid: fileID, version: 1 })
    assert.deepEqual(restored, { fileID, version: 3 })
    assert.equal((await download(fileID)).toString(), 'original')
    const data = await versionsOf(fileID)
    assert.equal(data.current, 3)
    assert.deepEqual(data.versions.map(v => [v.version, v.sha256]), [
      [3, sha256(Buffer.from('original'))],
      [2, sha256(Buffer.from('mistake'))],
      [1, sha256(Buffer.from('original'))],
    ])
  })

  it('restoring a version that does not exist fails with STORAGE_FILE_NONEXIST and changes nothing', async () => {
    const fileID = await upload(`${newDir()}/nr.txt`, Buffer.from('only'))
    const res = await admin('actorcloud.restoreFile', { fileid: fileID, version: 7 })
    assert.equal(res.code, 'STORAGE_FILE_NONEXIST', JSON.stringify(res))
    assert.equal((await versionsOf(fileID)).current, 1)
    assert.equal((await download(fileID)).toString(), 'only')
  })

  it('a deleted file keeps its versions (current: null) and can be restored', async () => {
    const path = `${newDir()}/undelete.txt`
    const fileID = await upload(path, Buffer.from('precious'))
    await app.deleteFile({ fileList: [fileID] })
    const data = await versionsOf(fileID)
    assert.equal(data.current, null)
    assert.deepEqual(data.versions.map(v => v.version), [1])
    const restored = await adminData('actorcloud.restoreFile', { fileid: fileID, version: 1 })
    assert.equal(restored.version, 2)
    assert.equal((await download(fileID)).toString(), 'precious')
  })

  it('listFileVersions of a path never written is STORAGE_FILE_NONEXIST', async () => {
    const res = await admin('actorcloud.listFileVersions', { fileid: fileIdOf(`${newDir()}/never.txt`) })
    assert.equal(res.code, 'STORAGE_FILE_NONEXIST')
  })

  it('revokeFileUrls stops every earlier URL of the file (403) while new ones work', async () => {
    const dir = newDir()
    const content = Buffer.from('revocable')
    const fileID = await upload(`${dir}/rv.txt`, content)
    const other = await upload(`${dir}/other.txt`, Buffer.from('untouched'))
    const before = await tempUrl(fileID)
    const beforeShort = await tempUrl(fileID, 600)
    const otherUrl = await tempUrl(other)
    assert.equal((await get(before)).status, 200)
    const data = await adminData('actorcloud.revokeFileUrls', { fileid_list: [fileID] })
    assert.deepEqual(data.revoke_list.map(i => [i.fileID, i.code]), [[fileID, 'SUCCESS']])
    await expectCosError(await get(before), 403, 'AccessDenied')
    await expectCosError(await get(beforeShort), 403, 'AccessDenied')
    const fresh = await tempUrl(fileID)
    assert.match(fresh, /&g=1(&|$)/, 'a new link carries the new URL generation')
    const forged = fresh.replace('&g=1', '&g=0')
    await expectCosError(await get(forged), 403, 'SignatureDoesNotMatch')
    const after = await get(fresh)
    assert.equal(after.status, 200)
    assert.ok(Buffer.from(await after.arrayBuffer()).equals(content))
    const otherRes = await get(otherUrl)
    assert.equal(otherRes.status, 200, "another file's URLs are not revoked")
    await otherRes.arrayBuffer()
  })

  it('revokeFileUrls of a missing file answers STORAGE_FILE_NONEXIST for it', async () => {
    const missing = fileIdOf(`${newDir()}/none.txt`)
    const data = await adminData('actorcloud.revokeFileUrls', { fileid_list: [missing] })
    assert.deepEqual(data.revoke_list.map(i => [i.fileID, i.code]), [[missing, 'STORAGE_FILE_NONEXIST']])
  })
})
