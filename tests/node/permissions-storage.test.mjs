// Storage permissions (protocol §4.4) as end users meet them through node-sdk with a user's access token: the four
// presets and CUSTOM storage rules × {upload a new path, overwrite another user's file, getTempFileURL of another
// user's file and of one's own, GET those temp URLs, deleteFile of another user's file and of one's own} × {owner,
// another user, an anonymous user, admin}, plus a request without any credential per preset; and that the openid which
// uploaded a file's current version is what decides. The permission is environment-wide, so the describe blocks set
// it one after the other (the file runs its tests sequentially).
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { url, envId, expectError, adminData, admin as adminAction } from './support.mjs'
import { fileIdOf, newDir, upload, download, urlCode, get } from './storage-support.mjs'
import { signInUsers, expectNoCredential } from './permissions-support.mjs'

const EXCEED = 'STORAGE_EXCEED_AUTHORITY'
const users = await signInUsers()
const { owner, other, anonymous, admin } = users
const callers = [owner, other, anonymous, admin]

/** Sets the environment's storage permission and checks it reads back. */
async function setStorage(AclTag, rule) {
  const Rule = rule === undefined ? undefined : JSON.stringify(rule)
  await adminData('actorcloud.modifyStorageSafeRule', Rule === undefined ? { AclTag } : { AclTag, Rule })
  assert.deepEqual(await adminData('actorcloud.describeStorageSafeRule', {}), { AclTag, Rule: Rule ?? null })
}

after(() => setStorage('READONLY'))

/** Uploads as `who` (a user or the admin); must succeed. */
async function uploadAs(who, path, content) {
  if (who.kind === 'admin') return upload(path, Buffer.from(content))
  const res = await who.app.uploadFile({ cloudPath: path, fileContent: Buffer.from(content) })
  assert.deepEqual(res, { fileID: fileIdOf(path) })
  return res.fileID
}

/** What the admin sees at `fileID`: its content, or null when there is no file. */
async function contentOf(fileID) {
  const code = await urlCode(fileID)
  if (code === 'STORAGE_FILE_NONEXIST') return null
  assert.equal(code, 'SUCCESS')
  return (await download(fileID)).toString('utf8')
}

// A policy answers whether a user may `read` or `write` a file whose creator is `creator` (undefined: the admin).
const classic = ({ read, write }) => (caller, op, creator) => {
  const rule = op === 'read' ? read : write
  return rule === 'all' || (rule === 'own' && creator === caller.openid)
}
const may = (policy, caller, op, creator) => caller.kind === 'admin' || policy(caller, op, creator)

const ownRule = 'resource.openid == auth.openid'
const permissions = [
  { name: 'READONLY', apply: () => setStorage('READONLY'), policy: classic({ read: 'all', write: 'own' }) },
  { name: 'PRIVATE', apply: () => setStorage('PRIVATE'), policy: classic({ read: 'own', write: 'own' }) },
  { name: 'ADMINWRITE', apply: () => setStorage('ADMINWRITE'), policy: classic({ read: 'all', write: 'deny' }) },
  { name: 'ADMINONLY', apply: () => setStorage('ADMINONLY'), policy: classic({ read: 'deny', write: 'deny' }) },
  {
    name: `CUSTOM {read: true, write: "${ownRule}"}`,
    apply: () => setStorage('CUSTOM', { read: true, write: ownRule }),
    policy: classic({ read: 'all', write: 'own' }),
  },
  {
    name: `CUSTOM {read: "${ownRule}", write: "${ownRule}"}`,
    apply: () => setStorage('CUSTOM', { read: ownRule, write: ownRule }),
    policy: classic({ read: 'own', write: 'own' }),
  },
  {
    name: 'CUSTOM no anonymous users',
    apply: () => setStorage('CUSTOM', { read: "auth.loginType != 'ANONYMOUS'", write: `${ownRule} && auth.loginType != 'ANONYMOUS'` }),
    policy: (caller, op, creator) => caller !== anonymous && classic({ read: 'all', write: 'own' })(caller, op, creator),
  },
  {
    name: 'CUSTOM {read: true} (no write rule: denied)',
    apply: () => setStorage('CUSTOM', { read: true }),
    policy: classic({ read: 'all', write: 'deny' }),
  },
]

let cells = 0
after(() => console.log(`# storage matrix: ${cells} cells`))

for (const permission of permissions) {
  describe(`storage ${permission.name}`, () => {
    const dir = newDir()
    // Per caller: its own file and another user's (the owner's; the other user's for the owner), with their creators.
    const state = new Map()
    before(async () => {
      await setStorage('READONLY') // users can create their files
      for (const caller of callers) {
        const key = caller.kind === 'admin' ? 'admin' : caller.name.replace(' ', '-')
        const theirsBy = caller === owner ? other : owner
        const own = { fileID: fileIdOf(`${dir}/${key}/own.txt`), content: `own file of ${caller.name}`, creator: caller.openid }
        const theirs = { fileID: fileIdOf(`${dir}/${key}/theirs.txt`), content: `${theirsBy.name}'s file`, creator: theirsBy.openid }
        await uploadAs(caller, `${dir}/${key}/own.txt`, own.content)
        await uploadAs(theirsBy, `${dir}/${key}/theirs.txt`, theirs.content)
        state.set(caller, { key, own, theirs, urls: {} })
      }
      await permission.apply()
    })

    it(`${permission.name} · no token · getUploadMetadata, batchGetDownloadUrl and batchDeleteFile answer SIGN_PARAM_INVALID`, async () => {
      cells++
      const { own } = state.get(owner)
      await expectNoCredential({ action: 'storage.getUploadMetadata', path: `${dir}/anon-new.txt`, method: 'put' })
      await expectNoCredential({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: own.fileID, max_age: 600 }] })
      await expectNoCredential({ action: 'storage.batchDeleteFile', fileid_list: [own.fileID] })
      assert.equal(await contentOf(own.fileID), own.content)
      assert.equal(await urlCode(fileIdOf(`${dir}/anon-new.txt`)), 'STORAGE_FILE_NONEXIST')
    })

    for (const caller of callers) {
      const label = action => `${permission.name} · ${caller.name} · ${action}`
      const s = () => state.get(caller)
      const app = () => (caller.kind === 'admin' ? admin.app : caller.app)
      const cell = (action, fn) => {
        cells++
        it(label(action), fn)
      }

      cell('upload a new path', async () => {
        const path = `${dir}/${s().key}/new.txt`
        const content = `new file of ${caller.name}`
        if (may(permission.policy, caller, 'write', caller.openid)) {
          assert.equal(await uploadAs(caller, path, content), fileIdOf(path))
          assert.equal(await contentOf(fileIdOf(path)), content)
        } else {
          await expectError(app().uploadFile({ cloudPath: path, fileContent: Buffer.from(content) }), EXCEED)
          assert.equal(await urlCode(fileIdOf(path)), 'STORAGE_FILE_NONEXIST', 'a refused upload created the file')
        }
      })

      cell("overwrite another user's file", async () => {
        const { theirs } = s()
        const content = `overwritten by ${caller.name}`
        const path = theirs.fileID.slice(fileIdOf('').length)
        if (may(permission.policy, caller, 'write', theirs.creator)) {
          await uploadAs(caller, path, content)
          Object.assign(theirs, { content, creator: caller.openid })
        } else {
          await expectError(app().uploadFile({ cloudPath: path, fileContent: Buffer.from(content) }), EXCEED)
        }
        assert.equal(await contentOf(theirs.fileID), theirs.content)
      })

      for (const which of ['theirs', 'own']) {
        const whose = which === 'own' ? 'own file' : "another user's file"
        cell(`getTempFileURL of ${whose}`, async () => {
          const file = s()[which]
          const res = await app().getTempFileURL({ fileList: [file.fileID] })
          assert.equal(res.fileList.length, 1)
          const [item] = res.fileList
          assert.equal(item.fileID, file.fileID)
          if (may(permission.policy, caller, 'read', file.creator)) {
            assert.equal(item.code, 'SUCCESS', JSON.stringify(item))
            assert.match(item.tempFileURL, /^http/)
            s().urls[which] = item.tempFileURL
          } else {
            assert.equal(item.code, EXCEED, JSON.stringify(item))
            assert.ok(!item.tempFileURL, `a refused item carries a URL: ${JSON.stringify(item)}`)
            s().urls[which] = null
          }
        })

        cell(`GET the temp URL of ${whose}`, async () => {
          const file = s()[which]
          const tempFileURL = s().urls[which]
          assert.notEqual(tempFileURL, undefined, 'the getTempFileURL cell did not run')
          if (tempFileURL === null) {
            assert.equal(may(permission.policy, caller, 'read', file.creator), false)
            return // no URL was handed out; nothing to GET
          }
          const res = await get(tempFileURL)
          assert.equal(res.status, 200)
          assert.equal(await res.text(), file.content)
        })
      }

      for (const which of ['theirs', 'own']) {
        const whose = which === 'own' ? 'own file' : "another user's file"
        cell(`deleteFile of ${whose}`, async () => {
          const file = s()[which]
          const res = await app().deleteFile({ fileList: [file.fileID] })
          assert.equal(res.fileList.length, 1)
          assert.equal(res.fileList[0].fileID, file.fileID)
          if (may(permission.policy, caller, 'write', file.creator)) {
            assert.equal(res.fileList[0].code, 'SUCCESS', JSON.stringify(res.fileList[0]))
            assert.equal(await contentOf(file.fileID), null)
          } else {
            assert.equal(res.fileList[0].code, EXCEED, JSON.stringify(res.fileList[0]))
            assert.equal(await contentOf(file.fileID), file.content, 'a refused delete removed the file')
          }
        })
      }
    }
  })
}

// ---------------------------------------------------------------------------------------------------------------
describe('the openid that uploaded the current version decides', () => {
  const dir = newDir()
  before(() => setStorage('READONLY'))

  it('READONLY: only the creator deletes their file; another user (WeChat or anonymous) cannot', async () => {
    const fileID = await uploadAs(owner, `${dir}/a.txt`, 'by the owner')
    for (const user of [other, anonymous]) {
      const res = await user.app.deleteFile({ fileList: [fileID] })
      assert.equal(res.fileList[0].code, EXCEED)
    }
    assert.equal(await contentOf(fileID), 'by the owner')
    assert.equal((await owner.app.deleteFile({ fileList: [fileID] })).fileList[0].code, 'SUCCESS')
    assert.equal(await contentOf(fileID), null)
  })

  it("an anonymous user's file is theirs: they overwrite and delete it, the owner cannot", async () => {
    const fileID = await uploadAs(anonymous, `${dir}/anon.txt`, 'anonymous v1')
    await expectError(owner.app.uploadFile({ cloudPath: `${dir}/anon.txt`, fileContent: Buffer.from('x') }), EXCEED)
    await uploadAs(anonymous, `${dir}/anon.txt`, 'anonymous v2')
    assert.equal(await contentOf(fileID), 'anonymous v2')
    assert.equal((await owner.app.deleteFile({ fileList: [fileID] })).fileList[0].code, EXCEED)
    assert.equal((await anonymous.app.deleteFile({ fileList: [fileID] })).fileList[0].code, 'SUCCESS')
  })

  it("a file the admin uploaded is nobody's: users read it but cannot overwrite or delete it", async () => {
    const fileID = await uploadAs(admin, `${dir}/admin.txt`, 'by the admin')
    const [item] = (await owner.app.getTempFileURL({ fileList: [fileID] })).fileList
    assert.equal(item.code, 'SUCCESS')
    await expectError(owner.app.uploadFile({ cloudPath: `${dir}/admin.txt`, fileContent: Buffer.from('x') }), EXCEED)
    assert.equal((await owner.app.deleteFile({ fileList: [fileID] })).fileList[0].code, EXCEED)
    assert.equal(await contentOf(fileID), 'by the admin')
  })

  it("once the admin overwrites a user's file, its creator is nobody: the user can no longer overwrite or delete it", async () => {
    const fileID = await uploadAs(owner, `${dir}/taken.txt`, 'by the owner')
    await uploadAs(admin, `${dir}/taken.txt`, 'overwritten by the admin')
    await expectError(owner.app.uploadFile({ cloudPath: `${dir}/taken.txt`, fileContent: Buffer.from('x') }), EXCEED)
    assert.equal((await owner.app.deleteFile({ fileList: [fileID] })).fileList[0].code, EXCEED)
    assert.equal(await contentOf(fileID), 'overwritten by the admin')
  })

  it('a path deleted by its creator is free again: the next uploader becomes its creator', async () => {
    const path = `${dir}/reused.txt`
    const fileID = await uploadAs(owner, path, 'first')
    assert.equal((await owner.app.deleteFile({ fileList: [fileID] })).fileList[0].code, 'SUCCESS')
    await uploadAs(other, path, 'second')
    assert.equal((await owner.app.deleteFile({ fileList: [fileID] })).fileList[0].code, EXCEED)
    await expectError(owner.app.uploadFile({ cloudPath: path, fileContent: Buffer.from('x') }), EXCEED)
    assert.equal((await other.app.deleteFile({ fileList: [fileID] })).fileList[0].code, 'SUCCESS')
  })

  it("an upload token handed out while the path was free cannot overwrite a file another user uploaded since", async () => {
    // uploadFile's two steps by hand: getUploadMetadata (where the permission is checked), then the PUT.
    const metadata = async user => {
      const res = await fetch(`${url}/admin?env=${envId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ action: 'storage.getUploadMetadata', path, method: 'put' }),
      })
      return (await res.json()).data
    }
    const put = (meta, text) => fetch(meta.url, {
      method: 'PUT',
      body: text,
      headers: {
        Signature: meta.authorization, authorization: meta.authorization, 'x-cos-security-token': meta.token,
        'x-cos-meta-fileid': meta.cosFileId, key: encodeURIComponent(path),
      },
    })
    const path = `${dir}/raced.txt`
    const early = await metadata(anonymous) // the path is free: it counts as the anonymous user's own
    assert.equal(typeof early?.url, 'string')
    const fileID = await uploadAs(other, path, "the other user's file")
    await expectError(anonymous.app.uploadFile({ cloudPath: path, fileContent: Buffer.from('x') }), EXCEED)
    const res = await put(early, 'overwritten with a stale token')
    const body = await res.text()
    assert.equal(res.status, 403, `the stale upload was accepted (HTTP ${res.status}): ${body}`)
    assert.match(body, /<Error>/)
    assert.equal(await contentOf(fileID), "the other user's file")
    assert.equal((await other.app.deleteFile({ fileList: [fileID] })).fileList[0].code, 'SUCCESS')
  })

  it('PRIVATE: the creator reads, overwrites and reads again; another user reads nothing', async () => {
    const fileID = await uploadAs(owner, `${dir}/private.txt`, 'v1')
    await setStorage('PRIVATE')
    try {
      await uploadAs(owner, `${dir}/private.txt`, 'v2')
      const [mine] = (await owner.app.getTempFileURL({ fileList: [fileID] })).fileList
      assert.equal(mine.code, 'SUCCESS')
      assert.equal(await (await get(mine.tempFileURL)).text(), 'v2')
      const downloaded = await owner.app.downloadFile({ fileID })
      assert.equal(downloaded.fileContent.toString(), 'v2')
      for (const user of [other, anonymous]) {
        assert.equal((await user.app.getTempFileURL({ fileList: [fileID] })).fileList[0].code, EXCEED)
        await expectError(user.app.downloadFile({ fileID }), EXCEED)
      }
    } finally {
      await setStorage('READONLY')
    }
  })

  it('a batch answers file by file: own files are deleted, the others refused and kept', async () => {
    const mine = await uploadAs(other, `${dir}/batch-mine.txt`, 'mine')
    const theirs = await uploadAs(owner, `${dir}/batch-theirs.txt`, 'theirs')
    const missing = fileIdOf(`${dir}/batch-missing.txt`)
    const res = await other.app.deleteFile({ fileList: [theirs, mine, missing] })
    assert.deepEqual(res.fileList.map(i => [i.fileID, i.code]), [
      [theirs, EXCEED],
      [mine, 'SUCCESS'],
      [missing, 'STORAGE_FILE_NONEXIST'],
    ])
    assert.equal(await contentOf(theirs), 'theirs')
    assert.equal(await contentOf(mine), null)
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe('storage rules refused when saved', () => {
  before(() => setStorage('CUSTOM', { read: true, write: ownRule }))
  const invalid = [
    ['a database-only key (create)', JSON.stringify({ read: true, create: true })],
    ['get() (database rules only)', JSON.stringify({ read: "get('database.c.x').ok == true" })],
    ['a syntax error', JSON.stringify({ read: 'resource.openid ==' })],
    ['text that is not JSON', 'read: true'],
  ]
  for (const [name, Rule] of invalid) {
    it(`${name} is refused with INVALID_PARAM and the old rule stays`, async () => {
      const res = await adminAction('actorcloud.modifyStorageSafeRule', { AclTag: 'CUSTOM', Rule })
      assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
      assert.deepEqual(await adminData('actorcloud.describeStorageSafeRule', {}), {
        AclTag: 'CUSTOM', Rule: JSON.stringify({ read: true, write: ownRule }),
      })
    })
  }

  it('an unknown AclTag is refused', async () => {
    const res = await adminAction('actorcloud.modifyStorageSafeRule', { AclTag: 'PUBLIC' })
    assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
    assert.equal((await adminData('actorcloud.describeStorageSafeRule', {})).AclTag, 'CUSTOM')
  })
})
