// Indexes through the management API's shapes (actorcloud.updateTable / describeTable = CloudBase's UpdateTable and
// DescribeTable), with the real @cloudbase/node-sdk writing and reading: a unique index refuses every write that would
// break it and changes nothing, creation over existing duplicates is refused, and indexed queries answer as unindexed.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection, adminData, readAll } from './support.mjs'

const { db, _ } = connect()

const index = (IndexName, keys, unique = false) => ({
  IndexName,
  MgoKeySchema: { MgoIsUnique: unique, MgoIndexKeys: keys.map(([Name, Direction]) => ({ Name, Direction })) },
})
const createIndexes = (TableName, ...CreateIndexes) => adminData('actorcloud.updateTable', { TableName, CreateIndexes })
const names = async TableName => (await adminData('actorcloud.describeTable', { TableName })).Indexes.map(i => i.Name)

async function refused(promise, pattern) {
  await assert.rejects(promise, error => {
    assert.match(`${error.code} ${error.message}`, pattern)
    return true
  })
}

describe('unique indexes', () => {
  it('refuse a duplicate insert, update, set or upsert and change nothing', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', email: 'a@x', n: 1 }, { _id: 'b', email: 'b@x', n: 2 }], 'idx')
    await createIndexes(coll.name, index('email_unique', [['email', '1']], true))
    const before = await readAll(coll)
    await refused(coll.add({ email: 'a@x' }), /duplicate key.*email_unique/)
    await refused(coll.add([{ email: 'c@x' }, { email: 'c@x' }]), /duplicate key/)
    await refused(coll.doc('b').update({ email: 'a@x' }), /duplicate key/)
    await refused(coll.doc('b').set({ email: 'a@x' }), /duplicate key/)
    await refused(coll.where({ n: _.gte(1) }).update({ email: 'same@x' }), /duplicate key/)
    assert.deepEqual(await readAll(coll), before)
    await coll.doc('a').update({ email: 'free@x' })
    await coll.doc('b').update({ email: 'a@x' })
    assert.deepEqual((await coll.where({ email: 'a@x' }).get()).data.map(d => d._id), ['b'])
  })

  it('cannot be created over existing duplicates, and nothing is created', async () => {
    const coll = await seededCollection(db, [{ k: 1 }, { k: 1 }, { k: 2 }], 'idx')
    await assert.rejects(createIndexes(coll.name, index('ok', [['n', '1']]), index('k_unique', [['k', '1']], true)), /duplicate key/)
    assert.deepEqual(await names(coll.name), ['_id_'], 'a command creates all its indexes or none')
  })
})

describe('declaring indexes', () => {
  it('lists, refuses bad declarations and drops', async () => {
    const coll = await seededCollection(db, [{ a: 1, b: 2, tags: ['x', 'y'] }], 'idx')
    await createIndexes(coll.name, index('a_b', [['a', '1'], ['b', '-1']]), index('tags', [['tags', '1']]), index('loc', [['loc', '2dsphere']]))
    const described = await adminData('actorcloud.describeTable', { TableName: coll.name })
    assert.equal(described.IndexNum, 4)
    assert.deepEqual(described.Indexes.find(i => i.Name === 'a_b').Keys, [{ Name: 'a', Direction: '1' }, { Name: 'b', Direction: '-1' }])
    assert.equal(described.Indexes.find(i => i.Name === 'tags').Multikey, true)
    for (const bad of [
      index('_id_', [['x', '1']]), index('bad name', [['x', '1']]), index('dir', [['x', 'up']]), index('a_b', [['z', '1']]),
      index('again', [['a', '1'], ['b', '-1']]), index('geo_unique', [['loc', '2dsphere']], true),
      index('wide', Array.from({ length: 32 }, (_x, i) => [`f${i}`, '1'])),
    ]) await assert.rejects(createIndexes(coll.name, bad), /INVALID_PARAM|DATABASE_REQUEST_FAILED/, JSON.stringify(bad))
    await adminData('actorcloud.updateTable', { TableName: coll.name, DropIndexes: [{ IndexName: 'tags' }] })
    assert.deepEqual(await names(coll.name), ['_id_', 'a_b', 'loc'])
    await assert.rejects(adminData('actorcloud.updateTable', { TableName: coll.name, DropIndexes: [{ IndexName: 'nope' }] }), /index not found/)
    await assert.rejects(adminData('actorcloud.updateTable', { TableName: coll.name, DropIndexes: [{ IndexName: '_id_' }] }), /_id index/)
  })
})

describe('explain', () => {
  it('shows the plan, the index and the documents read, before and after an index', async () => {
    const coll = await seededCollection(db, Array.from({ length: 300 }, (_x, i) => ({ i, g: i % 30 })), 'idxe')
    const explain = (query, extra = {}) => adminData('actorcloud.explainQuery', { collectionName: coll.name, query: JSON.stringify(query), ...extra })
    assert.deepEqual(await explain({ g: 7 }), { plan: 'COLLSCAN', index: null, docsExamined: 300, returned: 10 })
    await createIndexes(coll.name, index('g', [['g', '1']]), index('i', [['i', '-1']]))
    assert.deepEqual(await explain({ g: 7 }), { plan: 'IXSCAN', index: 'g', docsExamined: 10, returned: 10 })
    assert.deepEqual(await explain({ g: { $in: [1, 2] } }), { plan: 'IXSCAN', index: 'g', docsExamined: 20, returned: 20 })
    assert.deepEqual(await explain({}, { order: JSON.stringify({ i: -1 }), limit: 5 }), { plan: 'IXSCAN', index: 'i', docsExamined: 5, returned: 5 })
    const [first] = (await coll.limit(1).get()).data
    assert.equal((await explain({ _id: first._id })).plan, 'IDHACK')
  })
})

describe('indexed queries', () => {
  it('answer as without the index: equality, $in, ranges, sort, multikey, and after writes', async () => {
    const docs = Array.from({ length: 200 }, (_x, i) => ({ i, n: i % 17, s: `k${i % 7}`, tags: [i % 3, i % 5] }))
    const plain = await seededCollection(db, docs, 'idxp')
    const indexed = await seededCollection(db, docs, 'idxi')
    await createIndexes(indexed.name, index('n', [['n', '1']]), index('s_desc', [['s', '-1']]), index('tags', [['tags', '1']]))
    const queries = [
      c => c.where({ n: 5 }), c => c.where({ n: _.in([1, 2, 16]) }), c => c.where({ n: _.gt(3).and(_.lte(9)) }),
      c => c.where({ s: _.gte('k4') }), c => c.where({ tags: 4 }), c => c.where({ tags: _.gt(1).and(_.lt(3)) }),
      c => c.where({ n: _.gte(10) }).orderBy('n', 'asc'), c => c.orderBy('s', 'desc').orderBy('i', 'asc'),
    ]
    const answers = async c => Promise.all(queries.map(async q => (await q(c).limit(1000).get()).data.map(d => d.i)))
    const sorted = lists => lists.map(l => [...l].sort((x, y) => x - y))
    assert.deepEqual(sorted(await answers(indexed)), sorted(await answers(plain)))
    const $ = db.command.aggregate
    const grouped = async c => (await c.aggregate().match({ n: _.gte(5).and(_.lt(9)) }).group({ _id: '$s', total: $.sum('$i') })
      .sort({ _id: 1 }).end()).data
    assert.deepEqual(await grouped(indexed), await grouped(plain), 'an aggregate whose $match an index serves answers the same')
    for (const c of [plain, indexed]) {
      await c.where({ n: 5 }).update({ n: 99 })
      await c.where({ s: 'k3' }).remove()
    }
    assert.deepEqual(sorted(await answers(indexed)), sorted(await answers(plain)))
    assert.equal((await indexed.where({ n: 99 }).count()).total, (await plain.where({ n: 99 }).count()).total)
  })
})

describe('2dsphere indexes', () => {
  it('serve geoNear, geoWithin and geoIntersects with the same answers as without, and explain shows them', async () => {
    const places = Array.from({ length: 240 }, (_x, i) => {
      const [lng, lat] = [[116.4, 39.9], [179.9, -10], [2.35, 48.85], [-73.97, 40.77]][i % 4]
      const wrapped = ((lng + ((i * 37) % 100 - 50) / 20 + 540) % 360) - 180
      return { i, loc: new db.Geo.Point(wrapped, lat + ((i * 53) % 100 - 50) / 40) }
    })
    const plain = await seededCollection(db, places, 'geop')
    const indexed = await seededCollection(db, places, 'geoi')
    await createIndexes(indexed.name, index('loc_2dsphere', [['loc', '2dsphere']]))
    const Geo = db.Geo
    const queries = [
      _.geoNear({ geometry: new Geo.Point(116.4, 39.9), maxDistance: 150000 }),
      _.geoNear({ geometry: new Geo.Point(-179.9, -10), maxDistance: 200000, minDistance: 1000 }),
      _.geoWithin({ centerSphere: [[2.35, 48.85], 0.02] }),
      _.geoWithin({ geometry: new Geo.Polygon([new Geo.LineString([
        new Geo.Point(-76, 39), new Geo.Point(-71, 39), new Geo.Point(-71, 42), new Geo.Point(-76, 42), new Geo.Point(-76, 39)])]) }),
      _.geoIntersects({ geometry: new Geo.Polygon([new Geo.LineString([
        new Geo.Point(114, 38), new Geo.Point(119, 38), new Geo.Point(119, 42), new Geo.Point(114, 42), new Geo.Point(114, 38)])]) }),
    ]
    for (const [n, condition] of queries.entries()) {
      const answer = async c => (await c.where({ loc: condition }).limit(1000).get()).data.map(d => d.i)
      const expected = await answer(plain)
      assert.ok(expected.length > 0, `query ${n} matches something`)
      assert.deepEqual(await answer(indexed), expected, `query ${n} answers the same with the index`)
    }
    const explain = await adminData('actorcloud.explainQuery', {
      collectionName: indexed.name,
      query: JSON.stringify({ loc: { $geoWithin: { $centerSphere: [[2.35, 48.85], 0.02] } } }),
      limit: 1000,
    })
    assert.equal(explain.plan, 'IXSCAN')
    assert.equal(explain.index, 'loc_2dsphere')
    assert.ok(explain.docsExamined < 120, `read ${explain.docsExamined} of 240`)
  })
})
