// Queries as node-sdk sends them: every operator of db.command, logic, regex, $expr, dates, dot paths, arrays,
// ordering, paging (default 100, clamp 1000), projection and count.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection, idsOf, orderOf, assertShape } from './support.mjs'

const { db, _ } = connect()
const $ = _.aggregate

const D = iso => new Date(iso)

// Five documents covering the field shapes the cases need. Missing fields are deliberate.
const docs = [
  {
    _id: 'a', n: 1, f: 1.5, s: 'apple', b: true, opt: null, a: 1, bb: 2,
    tags: ['red', 'fruit'], nums: [1, 2, 3],
    style: { color: 'red', size: 8 },
    items: [{ x: 1, y: 'p' }, { x: 5, y: 'q' }],
    d: D('2024-01-01T00:00:00Z'),
  },
  {
    _id: 'b', n: 2, f: 2.5, s: 'Banana', b: false,
    tags: ['yellow', 'fruit'], nums: [2, 4],
    style: { color: 'yellow', size: 12 },
    items: [{ x: 2, y: 'z' }],
    d: D('2024-06-01T00:00:00Z'),
  },
  {
    _id: 'c', n: 3, f: -1, s: 'cherry', b: true, opt: 'x',
    tags: ['red'], nums: [],
    style: { color: 'red', size: 3 },
    items: [],
    d: D('2023-12-31T23:59:59.999Z'),
  },
  {
    _id: 'd', n: 4, s: 'date',
    tags: [], nums: [5, 7, 9],
    style: { color: 'brown' },
    items: [{ x: 3, y: 'z' }, { x: 9, y: 'p' }],
    d: D('2025-01-01T00:00:00Z'),
  },
  {
    _id: 'e', n: 10, s: 'elder', a: 5, bb: 3,
    tags: ['purple', 'fruit', 'berry'], nums: [10],
    style: { size: 20 },
    items: [{ x: 10, y: 'q' }],
  },
]

// [name, where argument, expected _ids (sorted)]
const whereCases = [
  // equality and dot paths
  ['literal equality', () => ({ n: 2 }), ['b']],
  ['_.eq', () => ({ n: _.eq(3) }), ['c']],
  ['string equality is case-sensitive', () => ({ s: 'banana' }), []],
  ['boolean equality', () => ({ b: true }), ['a', 'c']],
  ['two fields are ANDed', () => ({ b: true, tags: 'fruit' }), ['a']],
  ['nested object is flattened into dot paths', () => ({ style: { color: 'red' } }), ['a', 'c']],
  ['nested object with a command', () => ({ style: { size: _.lt(10) } }), ['a', 'c']],
  ['literal dot-path key', () => ({ 'style.color': 'yellow' }), ['b']],
  ['dot-path key and nested object together', () => ({ 'style.color': 'red', style: { size: _.gt(5) } }), ['a']],
  ['_.eq of an object is whole sub-document equality', () => ({ style: _.eq({ color: 'red', size: 8 }) }), ['a']],
  ['whole sub-document equality is field-order sensitive', () => ({ style: _.eq({ size: 8, color: 'red' }) }), []],
  ['equality with null matches null and missing', () => ({ opt: null }), ['a', 'b', 'd', 'e']],
  ['undefined values are dropped from the query', () => ({ n: 1, ghost: undefined }), ['a']],
  ['empty where matches all', () => ({}), ['a', 'b', 'c', 'd', 'e']],
  ['_id equality', () => ({ _id: 'd' }), ['d']],
  // comparison
  ['_.neq', () => ({ n: _.neq(1) }), ['b', 'c', 'd', 'e']],
  ['_.neq(null) needs the field present and non-null', () => ({ opt: _.neq(null) }), ['c']],
  ['_.gt', () => ({ n: _.gt(3) }), ['d', 'e']],
  ['_.gte', () => ({ n: _.gte(3) }), ['c', 'd', 'e']],
  ['_.lt', () => ({ n: _.lt(2) }), ['a']],
  ['_.lte', () => ({ n: _.lte(2) }), ['a', 'b']],
  ['comparison with a double', () => ({ f: _.gt(1.5) }), ['b']],
  ['comparison skips documents missing the field', () => ({ f: _.gt(-100) }), ['a', 'b', 'c']],
  ['comparison does not cross types (number vs string)', () => ({ n: _.gt('a') }), []],
  ['string comparison is binary (uppercase sorts first)', () => ({ s: _.gt('b') }), ['c', 'd', 'e']],
  ['comparison on an array matches any element', () => ({ nums: _.gt(8) }), ['d', 'e']],
  ['_.neq on an array means no element equals', () => ({ tags: _.neq('red') }), ['b', 'd', 'e']],
  // membership and arrays
  ['_.in', () => ({ n: _.in([1, 4, 99]) }), ['a', 'd']],
  ['_.in on an array field', () => ({ tags: _.in(['yellow', 'purple']) }), ['b', 'e']],
  ['_.in with a regex element', () => ({ s: _.in([/^a/, 'date']) }), ['a', 'd']],
  ['_.in with null matches missing', () => ({ opt: _.in([null, 'x']) }), ['a', 'b', 'c', 'd', 'e']],
  ['_.nin', () => ({ n: _.nin([1, 2]) }), ['c', 'd', 'e']],
  ['_.nin on an array field', () => ({ tags: _.nin(['red', 'yellow']) }), ['d', 'e']],
  ['_.all', () => ({ tags: _.all(['red', 'fruit']) }), ['a']],
  ['_.all with one element', () => ({ tags: _.all(['fruit']) }), ['a', 'b', 'e']],
  ['_.elemMatch needs one element to satisfy every condition', () => ({ items: _.elemMatch({ x: _.gt(2), y: 'p' }) }), ['d']],
  ['_.elemMatch on scalars', () => ({ nums: _.elemMatch(_.gt(8)) }), ['d', 'e']],
  ['a nested object over an array of objects is per-condition, unlike elemMatch', () => ({ items: { x: _.gt(2), y: 'p' } }), ['a', 'd']],
  ['_.exists(true)', () => ({ opt: _.exists(true) }), ['a', 'c']],
  ['_.exists(false)', () => ({ opt: _.exists(false) }), ['b', 'd', 'e']],
  ['_.exists on a dot path', () => ({ 'style.size': _.exists(false) }), ['d']],
  ['_.size', () => ({ tags: _.size(2) }), ['a', 'b']],
  ['_.size(0)', () => ({ nums: _.size(0) }), ['c']],
  ['_.mod(divisor, remainder)', () => ({ n: _.mod(3, 1) }), ['a', 'd', 'e']],
  ['array contains a scalar', () => ({ tags: 'red' }), ['a', 'c']],
  ['whole-array equality (arrays are not flattened)', () => ({ nums: [2, 4] }), ['b']],
  ['whole-array equality is order sensitive', () => ({ nums: [4, 2] }), []],
  ['empty-array equality', () => ({ tags: [] }), ['d']],
  ['array index dot path', () => ({ 'nums.0': 5 }), ['d']],
  ['dot path into an array of objects', () => ({ 'items.y': 'z' }), ['b', 'd']],
  ['dot path with index into an array of objects', () => ({ 'items.1.x': _.gte(5) }), ['a', 'd']],
  ['_.in([]) matches nothing', () => ({ n: _.in([]) }), []],
  ['_.nin([]) matches everything', () => ({ n: _.nin([]) }), ['a', 'b', 'c', 'd', 'e']],
  ['_.all([]) matches nothing', () => ({ tags: _.all([]) }), []],
  ['_.eq of a whole array', () => ({ tags: _.eq(['red', 'fruit']) }), ['a']],
  ['_.exists on an array index', () => ({ 'nums.2': _.exists(true) }), ['a', 'd']],
  ['_.in on _id', () => ({ _id: _.in(['e', 'a', 'zz']) }), ['a', 'e']],
  ['_.not(_.in(...))', () => ({ n: _.not(_.in([1, 2, 3])) }), ['d', 'e']],
  // logic
  ['_.and([...])', () => _.and([{ n: _.gt(1) }, { n: _.lt(4) }]), ['b', 'c']],
  ['_.and(a, b)', () => _.and({ tags: 'fruit' }, { b: false }), ['b']],
  ['_.or([...])', () => _.or([{ n: 1 }, { s: 'date' }]), ['a', 'd']],
  ['_.or(a, b)', () => _.or({ n: 1 }, { n: 2 }), ['a', 'b']],
  ['_.or with nested objects inside', () => _.or([{ n: _.gt(9) }, { b: true, style: { size: _.lt(5) } }]), ['c', 'e']],
  ['_.nor', () => _.nor([{ n: 1 }, { tags: 'red' }]), ['b', 'd', 'e']],
  ['_.and with a _.nor inside', () => _.and([{ tags: 'fruit' }, _.nor([{ n: 1 }])]), ['b', 'e']],
  ['_.not(command)', () => ({ n: _.not(_.gt(2)) }), ['a', 'b']],
  ['_.not matches documents missing the field', () => ({ f: _.not(_.gt(0)) }), ['c', 'd', 'e']],
  ['_.not(regex)', () => ({ s: _.not(/^[a-c]/) }), ['b', 'd', 'e']],
  ['field-level .and chain', () => ({ n: _.gt(1).and(_.lt(4)) }), ['b', 'c']],
  ['field-level .or chain', () => ({ n: _.lt(2).or(_.gt(4)) }), ['a', 'e']],
  ['field-level _.or(cmd, cmd)', () => ({ n: _.or(_.eq(2), _.eq(3)) }), ['b', 'c']],
  ['field-level .or then .and', () => ({ n: _.lt(2).or(_.gt(3)).and(_.neq(10)) }), ['a', 'd']],
  ['two fields with .and chains (concatenated $and)', () => ({ n: _.gt(1).and(_.lt(10)), f: _.gt(0).and(_.lt(3)) }), ['b']],
  ['.and chain next to a plain field', () => ({ n: _.gt(0).and(_.lt(4)), b: true }), ['a', 'c']],
  // SDK bug (§2.3): the .or arrays of two fields are concatenated into ONE top-level $or:
  // {$or:[{n:2},{n:3},{s:'apple'},{s:'elder'}]}. The intended (n∈{2,3} AND s∈{apple,elder}) would match nothing;
  // the server must execute what it receives.
  [
    'two fields with .or chains: the SDK sends one concatenated $or, executed as sent',
    () => ({ n: _.or(_.eq(2), _.eq(3)), s: _.or([_.eq('apple'), _.eq('elder')]) }),
    ['a', 'b', 'c', 'e'],
  ],
  // regex
  ['JS regex literal', () => ({ s: /^b/i }), ['b']],
  ['JS regex is case-sensitive without i', () => ({ s: /^b/ }), []],
  ['db.RegExp', () => ({ s: db.RegExp({ regexp: '^B', options: '' }) }), ['b']],
  ['db.RegExp with i', () => ({ s: db.RegExp({ regexp: 'E$', options: 'i' }) }), ['a', 'd']],
  ['regex matches array elements', () => ({ tags: /^p/ }), ['e']],
  ['regex does not match non-strings', () => ({ n: /1/ }), []],
  ['regex with the m option', () => ({ s: db.RegExp({ regexp: '^elder$', options: 'm' }) }), ['e']],
  ['regex inside a dot path', () => ({ style: { color: /^(red|brown)$/ } }), ['a', 'c', 'd']],
  // $expr
  ['_.expr comparing two fields', () => _.expr($.gt(['$a', '$bb'])), ['e']],
  ['_.expr with arithmetic (missing fields are null, which sorts below numbers)', () => _.expr($.gt(['$n', $.multiply(['$f', 2])])), ['c', 'd', 'e']],
  ['_.expr with $eq and $size', () => _.expr($.eq([$.size('$nums'), 2])), ['b']],
  ['_.expr combined with a field query', () => _.and([{ b: true }, _.expr($.lt(['$n', 2]))]), ['a']],
  // dates
  ['date _.lt', () => ({ d: _.lt(D('2024-03-01T00:00:00Z')) }), ['a', 'c']],
  ['date _.gte', () => ({ d: _.gte(D('2024-06-01T00:00:00Z')) }), ['b', 'd']],
  ['date equality to the millisecond', () => ({ d: D('2023-12-31T23:59:59.999Z') }), ['c']],
  ['date range', () => ({ d: _.gt(D('2023-12-31T23:59:59.999Z')).and(_.lt(D('2025-01-01T00:00:00Z'))) }), ['a', 'b']],
  ['dates do not compare with numbers', () => ({ d: _.gt(0) }), []],
]

describe('where', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, docs, 'query')
  })

  for (const [name, where, expected] of whereCases) {
    it(name, async () => {
      const res = await coll.where(where()).get()
      assert.deepEqual(idsOf(res), expected)
    })
  }

  // node-sdk only: _.jsonSchema(schema) ⇒ {$jsonSchema: schema} (MongoDB's schema query operator)
  it('_.jsonSchema with required', async () => {
    assert.deepEqual(idsOf(await coll.where(_.jsonSchema({ required: ['opt', 'f'] })).get()), ['a', 'c'])
  })
  it('_.jsonSchema with properties', async () => {
    const schema = { required: ['s'], properties: { s: { bsonType: 'string', minLength: 6 }, n: { bsonType: 'int', minimum: 2 } } }
    assert.deepEqual(idsOf(await coll.where(_.jsonSchema(schema)).get()), ['b', 'c'])
  })

  it('returns whole documents, Dates as Date', async () => {
    const res = await coll.where({ _id: 'a' }).get()
    assert.deepEqual(res.data, [docs[0]])
    assert.ok(res.data[0].d instanceof Date)
  })

  it('get() answers {data, requestId} (+limit/offset)', async () => {
    const res = await coll.where({ n: 1 }).get()
    assertShape(res, ['data', 'requestId'], ['limit', 'offset', 'total'])
    assert.ok(Array.isArray(res.data))
  })

  it('collection.get() without where returns everything', async () => {
    assert.deepEqual(idsOf(await coll.get()), ['a', 'b', 'c', 'd', 'e'])
  })

  it('doc(id).get() answers {data:[doc]} and {data:[]} when missing', async () => {
    const hit = await coll.doc('b').get()
    assertShape(hit, ['data', 'requestId'])
    assert.deepEqual(hit.data, [docs[1]])
    const miss = await coll.doc('nope').get()
    assertShape(miss, ['data', 'requestId'])
    assert.deepEqual(miss.data, [])
  })
})

describe('options({raw:true}): native MongoDB syntax', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, docs, 'raw')
  })
  const cases = [
    ['$gt', { n: { $gt: 3 } }, ['d', 'e']],
    ['$regex with $options', { s: { $regex: '^b', $options: 'i' } }, ['b']],
    ['$regex string', { s: { $regex: 'rr' } }, ['c']],
    ['$not with $regex', { s: { $not: { $regex: '^[a-c]' } } }, ['b', 'd', 'e']],
    ['$elemMatch with $and', { items: { $elemMatch: { $and: [{ x: { $gt: 2 } }, { y: 'p' }] } } }, ['d']],
    ['$elemMatch on scalars with two bounds', { nums: { $elemMatch: { $gt: 3, $lt: 6 } } }, ['b', 'd']],
    ['$all with $elemMatch', { items: { $all: [{ $elemMatch: { y: 'q' } }, { $elemMatch: { x: { $lt: 2 } } }] } }, ['a']],
    ['$or of $and', { $or: [{ $and: [{ n: { $gt: 1 } }, { n: { $lt: 3 } }] }, { s: 'elder' }] }, ['b', 'e']],
    ['$expr', { $expr: { $gt: ['$a', '$bb'] } }, ['e']],
    ['nested object is whole-document equality (no flattening in raw mode)', { style: { color: 'red', size: 8 } }, ['a']],
  ]
  for (const [name, where, expected] of cases) {
    it(name, async () => {
      assert.deepEqual(idsOf(await coll.options({ raw: true }).where(where).get()), expected)
    })
  }
})

describe('count', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, docs, 'count')
  })

  it('answers {total, requestId}', async () => {
    const res = await coll.where({ tags: 'fruit' }).count()
    assertShape(res, ['total', 'requestId'])
    assert.equal(res.total, 3)
  })

  it('counts the whole collection without where', async () => {
    assert.equal((await coll.count()).total, 5)
  })

  it('counts 0 when nothing matches', async () => {
    assert.equal((await coll.where({ n: 999 }).count()).total, 0)
  })

  it('ignores skip, limit, orderBy and field', async () => {
    const res = await coll.where({ n: _.gt(1) }).skip(2).limit(1).orderBy('n', 'desc').field({ n: true }).count()
    assert.equal(res.total, 4)
  })

  it('counts with logic and field-level chains', async () => {
    assert.equal((await coll.where(_.or([{ n: 1 }, { n: _.gt(3).and(_.lt(5)) }])).count()).total, 2)
  })
})

describe('orderBy', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, docs, 'order')
  })

  const cases = [
    ['one key ascending', q => q.orderBy('n', 'asc'), ['a', 'b', 'c', 'd', 'e']],
    ['one key descending', q => q.orderBy('n', 'desc'), ['e', 'd', 'c', 'b', 'a']],
    ['strings in binary order', q => q.orderBy('s', 'asc'), ['b', 'a', 'c', 'd', 'e']],
    ['missing values sort first ascending', q => q.orderBy('f', 'asc').orderBy('_id', 'asc'), ['d', 'e', 'c', 'a', 'b']],
    ['dot path', q => q.orderBy('style.size', 'asc'), ['d', 'c', 'a', 'b', 'e']],
    ['dates', q => q.orderBy('d', 'desc'), ['d', 'b', 'a', 'c', 'e']],
    // b desc: true (a, c) > false (b) > missing (d, e); ties broken by the second key
    ['multi-key: first call is the primary key', q => q.orderBy('b', 'desc').orderBy('n', 'asc'), ['a', 'c', 'b', 'd', 'e']],
    ['multi-key with the secondary descending', q => q.orderBy('b', 'desc').orderBy('n', 'desc'), ['c', 'a', 'b', 'e', 'd']],
    ['multi-key with a dot path primary', q => q.orderBy('style.color', 'asc').orderBy('n', 'desc'), ['e', 'd', 'c', 'a', 'b']],
    // arrays sort by their smallest element ascending and their largest descending; [] sorts first
    ['array field ascending (by smallest element)', q => q.orderBy('nums', 'asc'), ['c', 'a', 'b', 'd', 'e']],
    ['array field descending (by largest element)', q => q.orderBy('nums', 'desc'), ['e', 'd', 'b', 'a', 'c']],
    ['orderBy after where', q => q.where({ tags: 'fruit' }).orderBy('n', 'desc'), ['e', 'b', 'a']],
  ]
  for (const [name, build, expected] of cases) {
    it(name, async () => {
      assert.deepEqual(orderOf(await build(coll).get()), expected)
    })
  }
})

describe('skip and limit', () => {
  let coll
  const total = 1205
  before(async () => {
    const many = Array.from({ length: total }, (_x, i) => ({ _id: `k${String(i).padStart(4, '0')}`, i }))
    coll = await seededCollection(db, many, 'page')
  })

  it('get() without limit returns the default 100', async () => {
    const res = await coll.get()
    assert.equal(res.data.length, 100)
  })

  it('limit(0) means the default 100', async () => {
    assert.equal((await coll.limit(0).get()).data.length, 100)
  })

  it('limit(n)', async () => {
    const res = await coll.orderBy('i', 'asc').limit(7).get()
    assert.deepEqual(res.data.map(d => d.i), [0, 1, 2, 3, 4, 5, 6])
  })

  it('limit above 1000 is clamped to 1000', async () => {
    assert.equal((await coll.limit(5000).get()).data.length, 1000)
    assert.equal((await coll.limit(1000).get()).data.length, 1000)
  })

  it('skip + limit + orderBy pages in order', async () => {
    const res = await coll.orderBy('i', 'desc').skip(10).limit(3).get()
    assert.deepEqual(res.data.map(d => d.i), [1194, 1193, 1192])
  })

  it('skip near the end returns the remainder', async () => {
    const res = await coll.orderBy('i', 'asc').skip(1200).limit(10).get()
    assert.deepEqual(res.data.map(d => d.i), [1200, 1201, 1202, 1203, 1204])
  })

  it('skip past the end returns nothing', async () => {
    assert.deepEqual((await coll.skip(5000).get()).data, [])
  })

  it('skip applies after where', async () => {
    const res = await coll.where({ i: _.gte(1000) }).orderBy('i', 'asc').skip(200).get()
    assert.deepEqual(res.data.map(d => d.i), [1200, 1201, 1202, 1203, 1204])
  })

  it('pages cover the collection exactly once', async () => {
    const seen = []
    for (let offset = 0; offset < total; offset += 1000) {
      const res = await coll.orderBy('_id', 'asc').skip(offset).limit(1000).get()
      seen.push(...res.data.map(d => d.i))
    }
    assert.equal(seen.length, total)
    assert.deepEqual(seen, Array.from({ length: total }, (_x, i) => i))
  })

  it('skip without limit still returns the default 100', async () => {
    const res = await coll.orderBy('i', 'asc').skip(50).get()
    assert.equal(res.data.length, 100)
    assert.equal(res.data[0].i, 50)
  })

  it('count is not limited', async () => {
    assert.equal((await coll.count()).total, total)
  })
})

describe('field projection', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, docs, 'proj')
  })
  const get = async q => (await q.where({ _id: 'a' }).get()).data

  const cases = [
    ['inclusion keeps _id', q => q.field({ s: true, n: 1 }), [{ _id: 'a', n: 1, s: 'apple' }]],
    ['exclusion', q => q.field({ tags: false, nums: 0, items: false, style: false, d: false, opt: false, a: false, bb: false, f: false }),
      [{ _id: 'a', n: 1, s: 'apple', b: true }]],
    ['excluding _id', q => q.field({ _id: false, s: true }), [{ s: 'apple' }]],
    ['nested inclusion by dot path', q => q.field({ 'style.color': true }), [{ _id: 'a', style: { color: 'red' } }]],
    ['nested exclusion by dot path', q => q.field({ 'style.color': false, tags: false, nums: false, items: false, d: false, opt: false, a: false, bb: false, f: false, b: false, s: false, n: false }),
      [{ _id: 'a', style: { size: 8 } }]],
    ['dot path into an array of objects', q => q.field({ 'items.y': true }), [{ _id: 'a', items: [{ y: 'p' }, { y: 'q' }] }]],
    ['project.slice(n) alone keeps the other fields', q => q.field({ nums: _.project.slice(2) }),
      [{ ...docs[0], nums: [1, 2] }]],
    ['project.slice(-1)', q => q.field({ s: true, nums: _.project.slice(-1) }), [{ _id: 'a', s: 'apple', nums: [3] }]],
    ['project.slice([skip, n])', q => q.field({ s: true, nums: _.project.slice([1, 1]) }), [{ _id: 'a', s: 'apple', nums: [2] }]],
    // The projection is EJSON-stringified without the query serializer, so a db.command inside project.elemMatch
    // goes out as the command object's internals ({operator, operands, fieldName}) — an SDK limitation. Conditions
    // must be literal values or native operators there.
    ['project.elemMatch keeps the first matching element', q => q.field({ s: true, items: _.project.elemMatch({ x: { $gt: 2 } }) }),
      [{ _id: 'a', s: 'apple', items: [{ x: 5, y: 'q' }] }]],
    ['project.elemMatch with a literal condition', q => q.field({ s: true, items: _.project.elemMatch({ y: 'p' }) }),
      [{ _id: 'a', s: 'apple', items: [{ x: 1, y: 'p' }] }]],
    ['project.elemMatch without a match drops the field', q => q.field({ s: true, items: _.project.elemMatch({ x: { $gt: 100 } }) }),
      [{ _id: 'a', s: 'apple' }]],
    ['only _id', q => q.field({ _id: true }), [{ _id: 'a' }]],
    ['field({}) returns whole documents', q => q.field({}), [docs[0]]],
    ['a missing included field is simply absent', q => q.field({ ghost: true, n: true }), [{ _id: 'a', n: 1 }]],
  ]
  for (const [name, build, expected] of cases) {
    it(name, async () => {
      assert.deepEqual(await get(build(coll)), expected)
    })
  }

  it("positional projection 'items.$' keeps the element the query matched", async () => {
    const res = await coll.where({ _id: 'a', 'items.x': 5 }).field({ 'items.$': 1 }).get()
    assert.deepEqual(res.data, [{ _id: 'a', items: [{ x: 5, y: 'q' }] }])
  })

  it('project.elemMatch on every matched document', async () => {
    const res = await coll.where({ tags: 'fruit' }).orderBy('_id', 'asc').field({ items: _.project.elemMatch({ y: 'q' }) }).get()
    assert.deepEqual(res.data, [{ _id: 'a', items: [{ x: 5, y: 'q' }] }, { _id: 'b' }, { _id: 'e', items: [{ x: 10, y: 'q' }] }])
  })

  it('doc(id).field(...).get()', async () => {
    const res = await coll.doc('b').field({ s: true, _id: false }).get()
    assert.deepEqual(res.data, [{ s: 'Banana' }])
  })

  it('projection combines with orderBy, skip and limit', async () => {
    const res = await coll.orderBy('n', 'desc').skip(1).limit(2).field({ n: true }).get()
    assert.deepEqual(res.data, [{ _id: 'd', n: 4 }, { _id: 'c', n: 3 }])
  })
})
