// Shared helpers for the permissions*.test.mjs files: the end users a file signs in, raw requests without any
// credential, and a table-driven matrix of database operations × callers checked against a small model of the
// permission (classic modes with their silent `_openid` filter, or security rules with their "the query must imply the
// rule" check). Not a test file itself (the harness runs only *.test.mjs).
//
// Every cell of a matrix reads the whole collection as the admin before the operation, computes from that snapshot
// what the caller must get back (or which error) and what the collection must hold afterwards, runs the operation
// and reads the collection again: a refused or zero-effect write must leave it exactly as it was.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect, url, envId, adminData, freshCollection, expectError, HEX_ID } from './support.mjs'
import { signInAnonymously, signInWeChat, signInCustom, connectUser } from './users.mjs'

export const DENIED = 'DATABASE_PERMISSION_DENIED'
export const NO_CREDENTIAL = 'SIGN_PARAM_INVALID'

/**
 * The callers of the matrices: the owner of the seeded documents (a custom-login user), another user (a WeChat user),
 * an anonymous user, a request with no credential at all, and the admin. `openid` is what the server writes in
 * `_openid`: the WeChat openid for the WeChat user, the uid for the others.
 */
export async function signInUsers() {
  const tag = randomBytes(4).toString('hex')
  const otherOpenid = `o-perm-${tag}`
  const user = (name, credentials, openid) => ({
    name, kind: 'user', ...connectUser(credentials), openid, token: credentials.access_token,
  })
  const ownerCredentials = await signInCustom(`perm-owner-${tag}`)
  const otherCredentials = await signInWeChat(otherOpenid, 'wx-perm')
  const anonymousCredentials = await signInAnonymously()
  const owner = user('owner', ownerCredentials, ownerCredentials.sub)
  const other = user('other user', otherCredentials, otherOpenid)
  const anonymous = user('anonymous', anonymousCredentials, anonymousCredentials.sub)
  const noToken = { name: 'no token', kind: 'none' }
  const admin = { name: 'admin', kind: 'admin', ...connect() }
  return { owner, other, anonymous, noToken, admin, callers: [owner, other, anonymous, noToken, admin] }
}

/** POSTs an /admin action with no Authorization header at all; returns the parsed body (HTTP must be 200). */
export async function noToken(body) {
  const res = await fetch(`${url}/admin?env=${envId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  assert.equal(res.status, 200, `${body.action} without a credential answered HTTP ${res.status}`)
  return res.json()
}

/** Asserts a raw request without a credential is refused with SIGN_PARAM_INVALID. */
export async function expectNoCredential(body) {
  const res = await noToken(body)
  assert.equal(res.code, NO_CREDENTIAL, `${body.action} without a credential: ${JSON.stringify(res)}`)
  assert.equal(res.data, undefined)
  assert.equal(typeof res.requestId, 'string')
}

/** An /admin action sent with a user's access token; returns the parsed body. */
export async function asUser(user, action, params = {}) {
  const res = await fetch(`${url}/admin?env=${envId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
    body: JSON.stringify({ action, ...params }),
  })
  assert.equal(res.status, 200, `${action} answered HTTP ${res.status}`)
  return res.json()
}

/** Documents sorted by `_id` (code unit order, as the server sorts strings). */
export const byId = docs => [...docs].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))

/** Every document of a collection as the admin sees it, sorted by `_id`. */
export async function snapshot(adminColl) {
  const res = await adminColl.limit(1000).get()
  return byId(res.data)
}

// ---------------------------------------------------------------------------------------------------------------
// The model.
//
// A policy says, per operation, who may do it: 'all', 'own' (documents whose `_openid` is the caller's) or 'deny';
// create/update/delete fall back to write. Style 'classic' applies 'own' as a silent filter (reads see fewer
// documents, writes match fewer); style 'rules' allows an 'own' request only when its query pins `_openid` to the
// caller (and then runs it unfiltered), and refuses it otherwise. The admin bypasses both.

/** Classic modes (protocol §4.2) and the CUSTOM rules equivalent to each (§4.3). */
export const MODES = {
  READONLY: { policy: { read: 'all', write: 'own' }, rule: { read: true, write: 'doc._openid == auth.openid' } },
  PRIVATE: {
    policy: { read: 'own', write: 'own' },
    rule: { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' },
  },
  ADMINWRITE: { policy: { read: 'all', write: 'deny' }, rule: { read: true, write: false } },
  ADMINONLY: { policy: { read: 'deny', write: 'deny' }, rule: { read: false, write: false } },
}

/** The documents an allowed operation may affect (a predicate), or null when it is refused. */
export function access(style, policy, caller, operation, pinsOwn) {
  if (caller.kind === 'admin') return () => true
  const rule = policy[operation] ?? (operation === 'read' ? policy.read : policy.write)
  if (rule === 'all') return () => true
  if (rule === 'deny') return null
  if (operation === 'create') return () => true // the new document gets the caller's _openid
  if (style === 'classic') return d => d._openid === caller.openid
  return pinsOwn ? () => true : null
}

const withOpenid = (doc, openid) => (openid === undefined ? doc : { ...doc, _openid: openid })

/**
 * One cell: `run(coll, _)` performs the operation with the caller's SDK; `raw` is the same request as a raw body (for
 * the no-credential column); `model(before, ctx)` answers `{error}` or `{check(res), after(res)}`.
 */
function cell(label, run, raw, model) {
  return { label, run, raw, model }
}

const POSITIVE = { n: { $gt: { $numberInt: '0' } } }
const rawQuery = q => JSON.stringify(q)

/** A read of a list: `match` is the query as a predicate; the result must be exactly the affected documents by `n`. */
export function readCell(label, run, raw, match, { pinsOwn = false, sort = 'n' } = {}) {
  return cell(label, run, raw, (before, ctx) => {
    const allowed = ctx.access('read', pinsOwn)
    if (!allowed) return { error: DENIED }
    const expected = before.filter(d => match(d, ctx) && allowed(d))
    if (sort === 'n') expected.sort((a, b) => a.n - b.n)
    return { check: res => assert.deepEqual(sort === 'n' ? res.data : byId(res.data), sort === 'n' ? expected : byId(expected)) }
  })
}

export function countCell(label, run, raw, match, { pinsOwn = false } = {}) {
  return cell(label, run, raw, (before, ctx) => {
    const allowed = ctx.access('read', pinsOwn)
    if (!allowed) return { error: DENIED }
    const total = before.filter(d => match(d, ctx) && allowed(d)).length
    return { check: res => assert.equal(res.total, total) }
  })
}

/** An operator update `{field: _.inc(1)}` of the documents `match` selects (`multi` or the first one). */
export function updateCell(label, run, raw, match, field, { pinsOwn = false } = {}) {
  return cell(label, run, raw, (before, ctx) => {
    const allowed = ctx.access('update', pinsOwn)
    if (!allowed) return { error: DENIED }
    const hit = new Set(before.filter(d => match(d, ctx) && allowed(d)).map(d => d._id))
    return {
      check: res => assert.equal(res.updated, hit.size),
      after: () => before.map(d => (hit.has(d._id) ? { ...d, [field]: (d[field] ?? 0) + 1 } : d)),
    }
  })
}

export function removeCell(label, run, raw, match, { pinsOwn = false } = {}) {
  return cell(label, run, raw, (before, ctx) => {
    const allowed = ctx.access('delete', pinsOwn)
    if (!allowed) return { error: DENIED }
    const hit = new Set(before.filter(d => match(d, ctx) && allowed(d)).map(d => d._id))
    return { check: res => assert.equal(res.deleted, hit.size), after: () => before.filter(d => !hit.has(d._id)) }
  })
}

/**
 * `doc(id).set(data)`: an admin replaces or creates; a user's set replaces their own document (keeping `_openid`),
 * creates a missing one (with their `_openid`), and is refused over another user's document.
 */
export function setCell(label, id, data) {
  return cell(
    label,
    c => c.doc(id).set(data),
    name => ({
      action: 'database.modifyDocument', collectionName: name, queryType: 'DOC', multi: false, merge: false, upsert: true,
      query: rawQuery({ _id: id }), data: JSON.stringify(data),
    }),
    (before, ctx) => {
      const existing = before.find(d => d._id === id)
      const others = before.filter(d => d._id !== id)
      if (ctx.caller.kind === 'admin') {
        return {
          check: res => {
            assert.equal(res.updated, existing ? 1 : 0)
            assert.equal(res.upsertedId ?? null, existing ? null : id)
          },
          after: () => byId([...others, { _id: id, ...data }]),
        }
      }
      // A set replaces (an update) or, when the id is free, creates: creating needs the create permission too.
      const allowed = ctx.access('update', false)
      if (!allowed) return { error: DENIED }
      if (existing && !allowed(existing)) return { error: DENIED }
      if (!existing && !ctx.access('create', false)) return { error: DENIED }
      const next = existing ? withOpenid({ _id: id, ...data }, existing._openid) : { _id: id, ...data, _openid: ctx.caller.openid }
      return {
        check: res => {
          assert.equal(res.updated, existing ? 1 : 0)
          assert.equal(res.upsertedId ?? null, existing ? null : id)
        },
        after: () => byId([...others, next]),
      }
    }
  )
}

export function addCell(label, data) {
  return cell(
    label,
    c => c.add(data),
    name => ({ action: 'database.insertDocument', collectionName: name, data: [JSON.stringify(data)] }),
    (before, ctx) => {
      const allowed = ctx.access('create', false)
      if (!allowed) return { error: DENIED }
      return {
        check: res => assert.match(res.id, HEX_ID),
        after: res => byId([...before, withOpenid({ _id: res.id, ...data }, ctx.caller.openid)]),
      }
    }
  )
}

// The classic operations, targeted at a document of the owner's (`own-N`) or the caller's own (`mine`).
const docGet = (label, target) =>
  readCell(
    label,
    (c, _, ctx) => c.doc(ctx.id(target)).get(),
    (name, ctx) => ({ action: 'database.getDocument', collectionName: name, queryType: 'DOC', multi: false, query: rawQuery({ _id: ctx.id(target) }) }),
    (d, ctx) => d._id === ctx.id(target)
  )
const docUpdate = (label, target) =>
  updateCell(
    label,
    (c, _, ctx) => c.doc(ctx.id(target)).update({ u: _.inc(1) }),
    (name, ctx) => ({
      action: 'database.modifyDocument', collectionName: name, queryType: 'DOC', multi: false, merge: true, upsert: false,
      query: rawQuery({ _id: ctx.id(target) }), data: rawQuery({ $inc: { u: { $numberInt: '1' } } }),
    }),
    (d, ctx) => d._id === ctx.id(target),
    'u'
  )
const docRemove = (label, target) =>
  removeCell(
    label,
    (c, _, ctx) => c.doc(ctx.id(target)).remove(),
    (name, ctx) => ({ action: 'database.removeDocument', collectionName: name, queryType: 'DOC', multi: false, query: rawQuery({ _id: ctx.id(target) }) }),
    (d, ctx) => d._id === ctx.id(target)
  )
const docSet = (label, target, data) => {
  // setCell needs the id up front; resolve it in the cell's context.
  const resolve = ctx => setCell(label, ctx.id(target), data)
  return {
    label,
    run: (c, _, ctx) => resolve(ctx).run(c),
    raw: (name, ctx) => resolve(ctx).raw(name),
    model: (before, ctx) => resolve(ctx).model(before, ctx),
  }
}

/**
 * The classic matrix's cells for one caller, in the order they run: each write targets a different document of the
 * owner's, so the cells' effects do not hide one another. Users other than the owner also act on their own document.
 */
export function classicCells(caller) {
  const hasMine = caller.kind === 'user' && caller.name !== 'owner'
  const cells = [
    addCell('add', { k: 'new', n: 50 }),
    docGet("doc get (the owner's document)", 'own-1'),
    hasMine && docGet('doc get (own document)', 'mine'),
    readCell(
      'where get',
      (c, _) => c.where({ n: _.gt(0) }).orderBy('n', 'asc').get(),
      name => ({ action: 'database.getDocument', collectionName: name, queryType: 'WHERE', query: rawQuery(POSITIVE), limit: 100 }),
      d => d.n > 0
    ),
    countCell(
      'count',
      (c, _) => c.where({ n: _.gt(0) }).count(),
      name => ({ action: 'database.calculateDocument', collectionName: name, queryType: 'WHERE', query: rawQuery(POSITIVE) }),
      d => d.n > 0
    ),
    docUpdate("doc update (the owner's document)", 'own-1'),
    hasMine && docUpdate('doc update (own document)', 'mine'),
    updateCell(
      'where update',
      (c, _) => c.where({ n: _.gt(0) }).update({ w: _.inc(1) }),
      name => ({
        action: 'database.modifyDocument', collectionName: name, queryType: 'WHERE', multi: true, merge: true, upsert: false,
        query: rawQuery(POSITIVE), data: rawQuery({ $inc: { w: { $numberInt: '1' } } }),
      }),
      d => d.n > 0,
      'w'
    ),
    docSet("doc set (the owner's document)", 'own-2', { k: 'set', n: 21 }),
    hasMine && docSet('doc set (own document)', 'mine', { k: 'set', n: 22 }),
    docSet('doc set (a new id)', 'fresh', { k: 'set', n: 23 }),
    docRemove("doc remove (the owner's document)", 'own-3'),
    hasMine && docRemove('doc remove (own document)', 'mine'),
    removeCell(
      'where remove',
      (c, _) => c.where({ n: _.gt(0) }).remove(),
      name => ({ action: 'database.removeDocument', collectionName: name, queryType: 'WHERE', multi: true, query: rawQuery(POSITIVE) }),
      d => d.n > 0
    ),
  ]
  return cells.filter(Boolean)
}

/**
 * The same operations written CloudBase's rules way: every query names `_openid: '{openid}'` (which the server
 * replaces with the caller's openid), so a rule over `doc._openid` can be proved from it.
 */
export function rulesWayCells(caller) {
  const hasMine = caller.name !== 'owner'
  const own = (d, ctx) => d._openid === ctx.caller.openid
  const idOwn = target => (d, ctx) => d._id === ctx.id(target) && own(d, ctx)
  const opts = { pinsOwn: true }
  const getById = (label, target) =>
    readCell(label, (c, _, ctx) => c.where({ _id: ctx.id(target), _openid: '{openid}' }).get(), null, idOwn(target), opts)
  const updateById = (label, target) =>
    updateCell(label, (c, _, ctx) => c.where({ _id: ctx.id(target), _openid: '{openid}' }).update({ u: _.inc(1) }), null, idOwn(target), 'u', opts)
  const removeById = (label, target) =>
    removeCell(label, (c, _, ctx) => c.where({ _id: ctx.id(target), _openid: '{openid}' }).remove(), null, idOwn(target), opts)
  return [
    getById("where({_id, _openid:'{openid}'}) get (the owner's document)", 'own-1'),
    hasMine && getById("where({_id, _openid:'{openid}'}) get (own document)", 'mine'),
    readCell("where({_openid:'{openid}'}) get", (c, _) => c.where({ _openid: '{openid}' }).orderBy('n', 'asc').get(), null, own, opts),
    countCell("where({_openid:'{openid}'}) count", (c, _) => c.where({ _openid: '{openid}' }).count(), null, own, opts),
    updateById("where({_id, _openid:'{openid}'}) update (the owner's document)", 'own-1'),
    hasMine && updateById("where({_id, _openid:'{openid}'}) update (own document)", 'mine'),
    updateCell("where({_openid:'{openid}'}) update", (c, _) => c.where({ _openid: '{openid}' }).update({ w: _.inc(1) }), null, own, 'w', opts),
    removeById("where({_id, _openid:'{openid}'}) remove (the owner's document)", 'own-3'),
    hasMine && removeById("where({_id, _openid:'{openid}'}) remove (own document)", 'mine'),
    removeCell("where({_openid:'{openid}'}) remove", (c, _) => c.where({ _openid: '{openid}' }).remove(), null, own, opts),
  ].filter(Boolean)
}

/**
 * A collection for one (mode, caller) pair: `apply(name)` sets its permission; then the admin seeds three documents
 * of the owner's (`own-1..3`, n = 1..3) and one without `_openid` (`adm-1`, n = 4); the other user and the anonymous
 * user add one document each themselves (n = 5, 6) when the permission lets users create, else the admin seeds them
 * with their `_openid`s. Answers the context the cells run in.
 */
export async function prepareCollection({ style, policy, apply }, caller, users) {
  const { admin, owner, other, anonymous } = users
  const adminColl = await freshCollection(admin.db, 'perm')
  const name = adminColl.name
  await apply(name)
  await adminColl.add([
    { _id: 'own-1', k: 'own', n: 1, _openid: owner.openid },
    { _id: 'own-2', k: 'own', n: 2, _openid: owner.openid },
    { _id: 'own-3', k: 'own', n: 3, _openid: owner.openid },
    { _id: 'adm-1', k: 'adm', n: 4 },
  ])
  const ids = { 'own-1': 'own-1', 'own-2': 'own-2', 'own-3': 'own-3', fresh: `fresh-${randomBytes(4).toString('hex')}` }
  const mineOf = {}
  const userAccess = access(style, policy, other, 'create', false)
  for (const [user, n] of [[other, 5], [anonymous, 6]]) {
    if (userAccess) {
      mineOf[user.name] = (await user.db.collection(name).add({ k: user.name, n })).id
    } else {
      mineOf[user.name] = `${user.kind}-${n}`
      await adminColl.add({ _id: mineOf[user.name], k: user.name, n, _openid: user.openid })
    }
  }
  ids.mine = mineOf[caller.name]
  return {
    caller,
    name,
    adminColl,
    coll: caller.kind === 'none' ? null : caller.db.collection(name),
    _: caller._,
    id: target => {
      assert.ok(ids[target], `${caller.name} has no '${target}' document`)
      return ids[target]
    },
    access: (operation, pinsOwn) => access(style, policy, caller, operation, pinsOwn),
  }
}

/** Runs one cell in its context and checks the answer and the collection afterwards. */
export async function runCell(ctx, c) {
  const before = await snapshot(ctx.adminColl)
  if (ctx.caller.kind === 'none') {
    await expectNoCredential(c.raw(ctx.name, ctx))
    assert.deepEqual(await snapshot(ctx.adminColl), before, 'a request without a credential changed the collection')
    return
  }
  const expected = c.model(before, ctx)
  if (expected.error) {
    await expectError(() => c.run(ctx.coll, ctx._, ctx), expected.error)
    assert.deepEqual(await snapshot(ctx.adminColl), before, 'a refused request changed the collection')
    return
  }
  const res = await c.run(ctx.coll, ctx._, ctx)
  expected.check(res)
  const after = expected.after ? expected.after(res) : before
  assert.deepEqual(await snapshot(ctx.adminColl), after, expected.after ? 'the collection afterwards' : 'a read changed the collection')
}

/**
 * Declares the matrix: one describe per mode × caller (a fresh collection each), one `it` per cell, named
 * `MODE · caller · operation`. Answers a function that reports how many cells were declared.
 */
export function defineMatrix(title, modes, callers, users, cellsFor) {
  let count = 0
  describe(title, () => {
    for (const mode of modes) {
      for (const caller of callers) {
        describe(`${mode.name} · ${caller.name}`, () => {
          let ctx
          before(async () => {
            ctx = await prepareCollection(mode, caller, users)
          })
          for (const c of cellsFor(caller)) {
            count++
            it(`${mode.name} · ${caller.name} · ${c.label}`, () => runCell(ctx, c))
          }
        })
      }
    }
  })
  return () => count
}

/** Sets a collection's CUSTOM rules (a JS object, saved as its JSON text) and checks they read back as saved. */
export async function setRules(name, rule) {
  const text = JSON.stringify(rule)
  await adminData('actorcloud.modifySafeRule', { CollectionName: name, AclTag: 'CUSTOM', Rule: text })
  assert.deepEqual(await adminData('actorcloud.describeSafeRule', { CollectionName: name }), { AclTag: 'CUSTOM', Rule: text })
}

/** Sets a collection's classic mode and checks it reads back. */
export async function setAcl(name, tag) {
  await adminData('actorcloud.modifyDatabaseACL', { CollectionName: name, AclTag: tag })
  assert.deepEqual(await adminData('actorcloud.describeDatabaseACL', { CollectionName: name }), { AclTag: tag, Rule: null })
}
