// Aggregation as @cloudbase/node-sdk sends it (`collection.aggregate()…end()` ⇒ `database.aggregateDocuments` on
// /admin, stages as {stageKey, stageValue: EJSON string}), with the admin's rights. One describe per stage the SDK
// builds (addFields bucket bucketAuto count geoNear group limit lookup match project replaceRoot sample skip sort
// sortByCount unwind), each checked against the results CloudBase's and MongoDB's documentation give for small
// collections (CloudBase's own examples where they exist), built with the SDK's own builders: db.command.aggregate as
// `$` for accumulators and expressions, db.command as `_` inside match, `$.pipeline()` for $lookup sub-pipelines,
// db.Geo.Point for $geoNear (no index anywhere: the server computes distances from the documents).
// Then the CloudBase limits (20 results without a $limit stage, at most 10 000 with one), Dates round-tripping as
// Date, the raw form (`options({raw: true}).aggregate([...])`), and the refusals: stages the server does not run,
// server-side JavaScript ($where, $function, $accumulator), $geoNear past the first stage, $limit 0, a $group past
// its distinct-key limit — each refusal thrown by the SDK as a TcbError with the server's code, and none of them
// changing anything.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection, freshCollection, uniqueName, readAll, admin, adminData, expectError, assertShape } from './support.mjs'

const { db, _ } = connect()
const $ = _.aggregate
const { Point } = db.Geo

/** Runs an aggregation and returns its documents, checking the SDK's result shape ({data: [...], requestId}). */
async function run(aggregation) {
  const res = await aggregation.end()
  assertShape(res, ['data', 'requestId'])
  assert.ok(Array.isArray(res.data), `data must be an array: ${JSON.stringify(res)}`)
  return res.data
}

/** A stable order for results whose order MongoDB leaves unspecified ($group, $sortByCount ties). */
const byKey = docs => [...docs].sort((a, b) => (JSON.stringify(a._id) < JSON.stringify(b._id) ? -1 : JSON.stringify(a._id) > JSON.stringify(b._id) ? 1 : 0))

const INVALID_PARAM = 'INVALID_PARAM'
const INVALID_OPERATOR = 'DATABASE_INVALID_OPERRATOR' // CloudBase's own spelling
const REQUEST_FAILED = 'DATABASE_REQUEST_FAILED'

describe('addFields', () => {
  let scores, vehicles, animals
  before(async () => {
    // CloudBase's addFields example (and MongoDB's).
    scores = await seededCollection(db, [
      { _id: 1, student: 'Maya', homework: [10, 5, 10], quiz: [10, 8], extraCredit: 0 },
      { _id: 2, student: 'Ryan', homework: [5, 6, 5], quiz: [8, 8], extraCredit: 8 },
    ], 'agg_scores')
    vehicles = await seededCollection(db, [
      { _id: 1, type: 'car', specs: { doors: 4, wheels: 4 } },
      { _id: 2, type: 'motorcycle', specs: { doors: 0, wheels: 2 } },
      { _id: 3, type: 'jet ski' },
    ], 'agg_vehicles')
    animals = await seededCollection(db, [{ _id: 1, dogs: 10, cats: 15, item: 'apple', tags: ['a', 'b'], d: new Date('2024-03-05T06:07:08Z') }], 'agg_animals')
  })

  it("CloudBase's example: $.sum over an array field, then $.add of the new fields", async () => {
    const docs = await run(
      scores.aggregate()
        .addFields({ totalHomework: $.sum('$homework'), totalQuiz: $.sum('$quiz') })
        .addFields({ totalScore: $.add(['$totalHomework', '$totalQuiz', '$extraCredit']) })
        .sort({ _id: 1 })
    )
    assert.deepEqual(docs, [
      { _id: 1, student: 'Maya', homework: [10, 5, 10], quiz: [10, 8], extraCredit: 0, totalHomework: 25, totalQuiz: 18, totalScore: 43 },
      { _id: 2, student: 'Ryan', homework: [5, 6, 5], quiz: [8, 8], extraCredit: 8, totalHomework: 16, totalQuiz: 16, totalScore: 40 },
    ])
  })

  it('a dotted path adds a field inside the sub-document (creating it where missing)', async () => {
    const docs = await run(vehicles.aggregate().addFields({ 'specs.fuel_type': 'unleaded' }).sort({ _id: 1 }))
    assert.deepEqual(docs, [
      { _id: 1, type: 'car', specs: { doors: 4, wheels: 4, fuel_type: 'unleaded' } },
      { _id: 2, type: 'motorcycle', specs: { doors: 0, wheels: 2, fuel_type: 'unleaded' } },
      { _id: 3, type: 'jet ski', specs: { fuel_type: 'unleaded' } },
    ])
  })

  it('an existing field is overwritten in place; _id can be replaced by another field', async () => {
    assert.deepEqual(await run(animals.aggregate().addFields({ cats: 20 }).project({ dogs: 1, cats: 1 })), [{ _id: 1, dogs: 10, cats: 20 }])
    assert.deepEqual(await run(animals.aggregate().addFields({ _id: '$item', item: 'fruit' }).project({ item: 1 })), [{ _id: 'apple', item: 'fruit' }])
  })

  it('expression operators: $.cond, $.concat, $.size, $.dateToString, $.multiply', async () => {
    const docs = await run(
      animals.aggregate().project({
        _id: 0,
        size: $.cond({ if: $.gte(['$dogs', 10]), then: 'many', else: 'few' }),
        label: $.concat(['$item', '-', $.toUpper('$item')]),
        nTags: $.size('$tags'),
        day: $.dateToString({ date: '$d', format: '%Y-%m-%d %H:%M:%S' }),
        legs: $.multiply([$.add(['$dogs', '$cats']), 4]),
      })
    )
    assert.deepEqual(docs, [{ size: 'many', label: 'apple-APPLE', nTags: 2, day: '2024-03-05 06:07:08', legs: 100 }])
  })
})

describe('bucket', () => {
  let items
  before(async () => {
    // CloudBase's bucket example.
    items = await seededCollection(db, [
      { _id: '1', price: 10 }, { _id: '2', price: 50 }, { _id: '3', price: 20 }, { _id: '4', price: 80 }, { _id: '5', price: 200 },
    ], 'agg_items')
  })

  it("CloudBase's example: boundaries [0, 50, 100], a default bucket, $.sum(1) and $.push", async () => {
    const docs = await run(
      items.aggregate()
        .sort({ _id: 1 })
        .bucket({ groupBy: '$price', boundaries: [0, 50, 100], default: 'other', output: { count: $.sum(1), ids: $.push('$_id') } })
    )
    assert.deepEqual(docs, [
      { _id: 0, count: 2, ids: ['1', '3'] },
      { _id: 50, count: 2, ids: ['2', '4'] },
      { _id: 'other', count: 1, ids: ['5'] },
    ])
  })

  it('without output each bucket counts its documents; empty buckets are left out', async () => {
    const docs = await run(items.aggregate().bucket({ groupBy: '$price', boundaries: [0, 15, 30, 60, 100, 1000] }))
    assert.deepEqual(docs, [{ _id: 0, count: 1 }, { _id: 15, count: 1 }, { _id: 30, count: 1 }, { _id: 60, count: 1 }, { _id: 100, count: 1 }])
  })

  it('a value outside every boundary with no default is refused (MongoDB: "must specify a default")', async () => {
    await expectError(items.aggregate().bucket({ groupBy: '$price', boundaries: [0, 100] }).end(), REQUEST_FAILED, /\$bucket/)
  })

  it('unsorted boundaries, or a default inside them, are refused', async () => {
    await expectError(items.aggregate().bucket({ groupBy: '$price', boundaries: [50, 0, 100] }).end(), INVALID_PARAM, /\$bucket: 'boundaries' must be sorted/)
    await expectError(items.aggregate().bucket({ groupBy: '$price', boundaries: [0, 50, 100], default: 60 }).end(), INVALID_PARAM, /\$bucket: 'default'/)
  })
})

describe('bucketAuto', () => {
  let items
  before(async () => {
    items = await seededCollection(db, [{ price: 10 }, { price: 50 }, { price: 20 }, { price: 80 }, { price: 200 }], 'agg_auto')
  })

  it("CloudBase's example: 5 prices in 3 buckets, each bucket's max the next one's min", async () => {
    const docs = await run(items.aggregate().bucketAuto({ groupBy: '$price', buckets: 3 }))
    assert.deepEqual(docs, [
      { _id: { min: 10, max: 50 }, count: 2 },
      { _id: { min: 50, max: 200 }, count: 2 },
      { _id: { min: 200, max: 200 }, count: 1 },
    ])
  })

  it('with output accumulators', async () => {
    const docs = await run(items.aggregate().bucketAuto({ groupBy: '$price', buckets: 2, output: { n: $.sum(1), avg: $.avg('$price') } }))
    // 5 values in 2 buckets: 3 then 2 (MongoDB rounds the bucket size up to 3).
    assert.deepEqual(docs, [
      { _id: { min: 10, max: 80 }, n: 3, avg: (10 + 20 + 50) / 3 },
      { _id: { min: 80, max: 200 }, n: 2, avg: 140 },
    ])
  })
})

describe('bucketAuto granularity', () => {
  let ten
  before(async () => {
    ten = await seededCollection(db, Array.from({ length: 10 }, (_, i) => ({ p: i + 1 })), 'agg_gran')
  })

  it('POWERSOF2: boundaries are powers of two, a bucket grows to take every value below its rounded-up max', async () => {
    const docs = await run(ten.aggregate().bucketAuto({ groupBy: '$p', buckets: 3, granularity: 'POWERSOF2' }))
    assert.deepEqual(docs, [
      { _id: { min: 0.5, max: 4 }, count: 3 },
      { _id: { min: 4, max: 8 }, count: 4 },
      { _id: { min: 8, max: 16 }, count: 3 },
    ])
  })

  it('R5 (Renard series, MongoDB scales its base series 10 16 25 40 63 by powers of ten in doubles)', async () => {
    const docs = await run(ten.aggregate().bucketAuto({ groupBy: '$p', buckets: 2, granularity: 'R5' }))
    assert.deepEqual(docs, [
      { _id: { min: 63 * 0.01, max: 63 * 0.1 }, count: 6 },
      { _id: { min: 63 * 0.1, max: 16 }, count: 4 },
    ])
  })
})

describe('count', () => {
  let items
  before(async () => {
    items = await seededCollection(db, [
      { _id: '1', price: 10 }, { _id: '2', price: 50 }, { _id: '3', price: 20 }, { _id: '4', price: 80 }, { _id: '5', price: 200 },
    ], 'agg_count')
  })

  it("CloudBase's example: match price > 50, count('expensiveCount')", async () => {
    assert.deepEqual(await run(items.aggregate().match({ price: _.gt(50) }).count('expensiveCount')), [{ expensiveCount: 2 }])
  })

  it('counting nothing gives no document (MongoDB), not {n: 0}', async () => {
    assert.deepEqual(await run(items.aggregate().match({ price: _.gt(1000) }).count('n')), [])
  })

  it('a count field with a dot or a leading $ is refused', async () => {
    await expectError(items.aggregate().count('a.b').end(), INVALID_PARAM, /\$count/)
    await expectError(items.aggregate().count('$n').end(), INVALID_PARAM, /\$count/)
  })
})

describe('geoNear (no index)', () => {
  // CloudBase's geoNear example: distances on MongoDB's sphere (radius 6 378 100 m) from the documents themselves.
  const near = [113.3089506, 23.0968251]
  const places = [
    { _id: 'geoNear.0', city: 'Guangzhou', docType: 'geoNear', at: [113.30593, 23.1361155], name: 'Canton Tower' },
    { _id: 'geoNear.1', city: 'Guangzhou', docType: 'geoNear', at: [113.306789, 23.1564721], name: 'Baiyun Mountain' },
    { _id: 'geoNear.2', city: 'Beijing', docType: 'geoNear', at: [116.3949659, 39.9163447], name: 'The Palace Museum' },
    { _id: 'geoNear.3', city: 'Beijing', docType: 'geoNear', at: [116.2328567, 40.242373], name: 'Great Wall' },
    { _id: 'other.0', city: 'Guangzhou', docType: 'other', at: [113.3089, 23.0968], name: 'Elsewhere' },
  ]
  const R = 6378100
  const rad = x => (x * Math.PI) / 180
  const metres = ([lng1, lat1], [lng2, lat2]) => {
    const h = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2
    return 2 * R * Math.asin(Math.sqrt(h))
  }
  const close = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 1e-3, `${what}: ${actual} vs ${expected}`)
  let attractions

  before(async () => {
    attractions = await seededCollection(
      db,
      places.map(({ at, ...p }) => ({ ...p, location: new Point(at[0], at[1]) })),
      'agg_geo'
    )
  })

  it("CloudBase's example: nearest first, distance in metres, query, key and includeLocs", async () => {
    const docs = await run(
      attractions.aggregate().geoNear({
        distanceField: 'distance',
        spherical: true,
        near: new Point(near[0], near[1]),
        query: { docType: 'geoNear' },
        key: 'location',
        includeLocs: 'loc',
      })
    )
    assert.deepEqual(docs.map(d => d._id), ['geoNear.0', 'geoNear.1', 'geoNear.2', 'geoNear.3'])
    close(docs[0].distance, 4384.68131486958, 'Canton Tower (the figure in CloudBase\'s documentation)')
    for (const d of docs) {
      const place = places.find(p => p._id === d._id)
      close(d.distance, metres(near, place.at), d.name)
      assert.deepEqual(d.loc, { type: 'Point', coordinates: place.at })
      assert.deepEqual(d.location, { type: 'Point', coordinates: place.at })
    }
  })

  it('maxDistance / minDistance in metres, distanceMultiplier, and a following limit', async () => {
    const within = await run(attractions.aggregate().geoNear({ distanceField: 'd', near: new Point(...near), maxDistance: 5000, query: { docType: 'geoNear' } }))
    assert.deepEqual(within.map(d => d._id), ['geoNear.0'])
    const beyond = await run(attractions.aggregate().geoNear({ distanceField: 'd', near: new Point(...near), minDistance: 5000 }))
    assert.deepEqual(beyond.map(d => d._id), ['geoNear.1', 'geoNear.2', 'geoNear.3'])
    const km = await run(attractions.aggregate().geoNear({ distanceField: 'km', near: new Point(...near), distanceMultiplier: 0.001 }).limit(2))
    assert.deepEqual(km.map(d => d._id), ['other.0', 'geoNear.0'])
    close(km[1].km, 4.38468131486958, 'kilometres')
  })

  it('without key, the GeoJSON point in the document is found by itself', async () => {
    const docs = await run(attractions.aggregate().geoNear({ distanceField: 'dist.m', near: new Point(116.3949659, 39.9163447) }).limit(1))
    assert.equal(docs[0]._id, 'geoNear.2')
    assert.equal(docs[0].dist.m, 0)
  })
})

describe('group', () => {
  // CloudBase's group example collection.
  const avatar = [
    { _id: '1', alias: 'john', region: 'asia', scores: [40, 20, 80], coins: 100 },
    { _id: '2', alias: 'arthur', region: 'europe', scores: [60, 90], coins: 20 },
    { _id: '3', alias: 'george', region: 'europe', scores: [50, 70, 90], coins: 50 },
    { _id: '4', alias: 'john', region: 'asia', scores: [30, 60, 100, 90], coins: 40 },
    { _id: '5', alias: 'george', region: 'europe', scores: [20], coins: 60 },
    { _id: '6', alias: 'john', region: 'asia', scores: [40, 80, 70], coins: 120 },
  ]
  let coll, stats
  before(async () => {
    coll = await seededCollection(db, avatar, 'agg_group')
    stats = await seededCollection(db, [2, 4, 4, 4, 5, 5, 7, 9].map((v, i) => ({ _id: `s${i}`, v, k: i % 2 ? 'odd' : 'even', o: { [`f${i % 3}`]: i } })), 'agg_stats')
  })

  it("CloudBase's example: group by alias counting with $.sum(1)", async () => {
    const docs = await run(coll.aggregate().group({ _id: '$alias', num: $.sum(1) }))
    assert.deepEqual(byKey(docs), [{ _id: 'arthur', num: 1 }, { _id: 'george', num: 2 }, { _id: 'john', num: 3 }])
  })

  it("CloudBase's example: a compound _id with $.max over an array, $.sum of coins", async () => {
    const docs = await run(coll.aggregate().group({ _id: { region: '$region', maxScore: $.max('$scores') }, totalCoins: $.sum('$coins') }))
    assert.deepEqual(byKey(docs), byKey([
      { _id: { region: 'asia', maxScore: 80 }, totalCoins: 220 },
      { _id: { region: 'asia', maxScore: 100 }, totalCoins: 40 },
      { _id: { region: 'europe', maxScore: 90 }, totalCoins: 70 },
      { _id: { region: 'europe', maxScore: 20 }, totalCoins: 60 },
    ]))
  })

  it('accumulators: $.avg $.push $.addToSet $.first $.last $.max $.min (after a sort)', async () => {
    const docs = await run(
      coll.aggregate()
        .sort({ _id: 1 })
        .group({
          _id: '$region',
          avg: $.avg('$coins'),
          pushed: $.push('$alias'),
          set: $.addToSet('$alias'),
          first: $.first('$alias'),
          last: $.last('$_id'),
          max: $.max('$coins'),
          min: $.min('$coins'),
          n: $.sum(1),
        })
    )
    const [asia, europe] = byKey(docs)
    assert.deepEqual({ ...asia, set: [...asia.set].sort() }, {
      _id: 'asia', avg: 260 / 3, pushed: ['john', 'john', 'john'], set: ['john'], first: 'john', last: '6', max: 120, min: 40, n: 3,
    })
    assert.deepEqual({ ...europe, set: [...europe.set].sort() }, {
      _id: 'europe', avg: 130 / 3, pushed: ['arthur', 'george', 'george'], set: ['arthur', 'george'], first: 'arthur', last: '5', max: 60, min: 20, n: 3,
    })
  })

  it('$.stdDevPop / $.stdDevSamp, $.mergeObjects, and _id: null over the whole collection', async () => {
    const [all] = await run(
      stats.aggregate().sort({ _id: 1 }).group({ _id: null, pop: $.stdDevPop('$v'), samp: $.stdDevSamp('$v'), merged: $.mergeObjects('$o'), total: $.sum('$v') })
    )
    assert.equal(all._id, null)
    assert.equal(all.pop, 2) // the textbook population standard deviation of 2 4 4 4 5 5 7 9
    assert.ok(Math.abs(all.samp - Math.sqrt(32 / 7)) < 1e-12, `stdDevSamp ${all.samp}`)
    assert.deepEqual(all.merged, { f0: 6, f1: 7, f2: 5 }) // later documents' fields win
    assert.equal(all.total, 40)
  })

  it('$.sum of a missing or non-numeric field is 0; $.avg of nothing numeric is null', async () => {
    const [doc] = await run(coll.aggregate().group({ _id: null, s: $.sum('$nothing'), a: $.avg('$alias'), m: $.max('$nothing') }))
    assert.deepEqual(doc, { _id: null, s: 0, a: null, m: null })
  })

  it('grouping by an expression over a Date ($.dateToString per day)', async () => {
    const days = await seededCollection(db, [1, 1, 2, 3, 3, 3].map((d, i) => ({ _id: `t${i}`, at: new Date(Date.UTC(2024, 4, d, i)) })), 'agg_days')
    const docs = await run(days.aggregate().group({ _id: $.dateToString({ date: '$at', format: '%Y-%m-%d' }), n: $.sum(1) }).sort({ _id: 1 }))
    assert.deepEqual(docs, [{ _id: '2024-05-01', n: 2 }, { _id: '2024-05-02', n: 1 }, { _id: '2024-05-03', n: 3 }])
  })

  it('a group without _id is refused', async () => {
    await expectError(coll.aggregate().group({ n: $.sum(1) }).end(), INVALID_PARAM, /_id/)
  })
})

describe('limit', () => {
  let items
  before(async () => {
    items = await seededCollection(db, [
      { _id: '1', price: 10 }, { _id: '2', price: 50 }, { _id: '3', price: 20 }, { _id: '4', price: 80 }, { _id: '5', price: 200 },
    ], 'agg_limit')
  })

  it("CloudBase's example: match price > 20, limit(1)", async () => {
    const docs = await run(items.aggregate().match({ price: _.gt(20) }).sort({ price: 1 }).limit(1))
    assert.deepEqual(docs, [{ _id: '2', price: 50 }])
  })

  it('limit before and after skip', async () => {
    assert.deepEqual((await run(items.aggregate().sort({ price: 1 }).skip(1).limit(2))).map(d => d.price), [20, 50])
    assert.deepEqual((await run(items.aggregate().sort({ price: 1 }).limit(2).skip(1))).map(d => d.price), [20])
  })

  it('sort, limit, skip, limit: each stage sees what the one before passes', async () => {
    assert.deepEqual((await run(items.aggregate().sort({ price: -1 }).limit(4).skip(2).limit(1))).map(d => d.price), [50])
  })

  it('limit(0), a negative and a fractional limit are refused', async () => {
    await expectError(items.aggregate().limit(0).end(), INVALID_PARAM, /\$limit/)
    await expectError(items.aggregate().limit(-1).end(), INVALID_PARAM, /\$limit/)
    await expectError(items.aggregate().limit(1.5).end(), INVALID_PARAM, /\$limit: the limit must be an integer/)
  })
})

describe('lookup', () => {
  // CloudBase's lookup examples.
  let orders, booksName
  const books = [
    { _id: 'book1', author: 'author 1', category: 'novel', stock: 10, time: 1564456048486, title: 'novel 1' },
    { _id: 'book3', author: 'author 3', category: 'science', stock: 30, title: 'science 1' },
    { _id: 'book4', author: 'author 3', category: 'science', stock: 40, title: 'science 2' },
    { _id: 'book2', author: 'author 2', category: 'novel', stock: 20, title: 'novel 2' },
    { _id: 'book5', author: 'author 4', category: 'science', stock: 50, title: null },
    { _id: 'book6', author: 'author 5', category: 'novel', stock: '60' },
  ]
  const book = id => books.find(b => b._id === id)
  before(async () => {
    orders = await seededCollection(db, [
      { _id: 4, book: 'novel 1', price: 30, quantity: 2 },
      { _id: 5, book: 'science 1', price: 20, quantity: 1 },
      { _id: 6 },
    ], 'agg_orders')
    booksName = (await seededCollection(db, books, 'agg_books')).name
  })

  it("CloudBase's example: localField/foreignField (a missing local field joins null and missing titles)", async () => {
    const docs = await run(orders.aggregate().lookup({ from: booksName, localField: 'book', foreignField: 'title', as: 'bookList' }).sort({ _id: 1 }))
    assert.deepEqual(docs.map(d => ({ ...d, bookList: byKey(d.bookList) })), [
      { _id: 4, book: 'novel 1', price: 30, quantity: 2, bookList: [book('book1')] },
      { _id: 5, book: 'science 1', price: 20, quantity: 1, bookList: [book('book3')] },
      { _id: 6, bookList: [book('book5'), book('book6')] },
    ])
  })

  it("CloudBase's example: let + $.pipeline() with _.expr, $.and, $.eq, $.gte and a project", async () => {
    const docs = await run(
      orders.aggregate()
        .lookup({
          from: booksName,
          let: { order_book: '$book', order_quantity: '$quantity' },
          pipeline: $.pipeline()
            .match(_.expr($.and([$.eq(['$title', '$$order_book']), $.gte(['$stock', '$$order_quantity'])])))
            .project({ _id: 0, title: 1, author: 1, stock: 1 })
            .done(),
          as: 'bookList',
        })
        .sort({ _id: 1 })
    )
    assert.deepEqual(docs, [
      { _id: 4, book: 'novel 1', price: 30, quantity: 2, bookList: [{ title: 'novel 1', author: 'author 1', stock: 10 }] },
      { _id: 5, book: 'science 1', price: 20, quantity: 1, bookList: [{ title: 'science 1', author: 'author 3', stock: 30 }] },
      // $$order_book and $$order_quantity are missing: $eq(missing, missing) holds for book6 only (book5's title is
      // null, not missing), and a string stock is greater than a missing quantity.
      { _id: 6, bookList: [{ author: 'author 5', stock: '60' }] },
    ])
  })

  it('a pipeline without let (an uncorrelated sub-query) joins the same documents to every input', async () => {
    const docs = await run(
      orders.aggregate()
        .lookup({ from: booksName, pipeline: $.pipeline().match({ category: 'science' }).group({ _id: null, stock: $.sum('$stock') }).done(), as: 'science' })
        .project({ science: 1 })
        .sort({ _id: 1 })
    )
    assert.deepEqual(docs, [4, 5, 6].map(_id => ({ _id, science: [{ _id: null, stock: 120 }] })))
  })

  it('a local array joins every element; then unwind and group across the join', async () => {
    const shelf = await seededCollection(db, [{ _id: 's', titles: ['novel 1', 'novel 2', 'nope'] }], 'agg_shelf')
    const docs = await run(
      shelf.aggregate()
        .lookup({ from: booksName, localField: 'titles', foreignField: 'title', as: 'found' })
        .unwind('$found')
        .group({ _id: '$_id', stock: $.sum('$found.stock'), ids: $.addToSet('$found._id') })
    )
    assert.deepEqual(docs.map(d => ({ ...d, ids: d.ids.sort() })), [{ _id: 's', stock: 30, ids: ['book1', 'book2'] }])
  })

  it("a sub-pipeline's own lookup sees the outer let variables", async () => {
    const docs = await run(
      orders.aggregate()
        .match({ _id: 4 })
        .lookup({
          from: booksName,
          let: { cat: 'novel' },
          pipeline: $.pipeline()
            .match(_.expr($.eq(['$category', '$$cat'])))
            .lookup({
              from: booksName,
              let: { who: '$author' },
              pipeline: $.pipeline().match(_.expr($.and([$.eq(['$author', '$$who']), $.eq(['$category', '$$cat'])]))).project({ _id: 1 }).done(),
              as: 'sameAuthor',
            })
            .project({ _id: 1, sameAuthor: 1 })
            .sort({ _id: 1 })
            .done(),
          as: 'novels',
        })
        .project({ novels: 1 })
    )
    assert.deepEqual(docs, [{
      _id: 4,
      novels: [
        { _id: 'book1', sameAuthor: [{ _id: 'book1' }] },
        { _id: 'book2', sameAuthor: [{ _id: 'book2' }] },
        { _id: 'book6', sameAuthor: [{ _id: 'book6' }] },
      ],
    }])
  })

  it('a collection that does not exist joins as empty (MongoDB)', async () => {
    const docs = await run(orders.aggregate().lookup({ from: uniqueName('agg_missing'), localField: 'book', foreignField: 'title', as: 'none' }).project({ none: 1 }).sort({ _id: 1 }))
    assert.deepEqual(docs, [{ _id: 4, none: [] }, { _id: 5, none: [] }, { _id: 6, none: [] }])
  })
})

describe('match', () => {
  // CloudBase's match example collection.
  let articles
  before(async () => {
    articles = await seededCollection(db, [
      { _id: '1', author: 'stark', score: 80 },
      { _id: '2', author: 'stark', score: 85 },
      { _id: '3', author: 'bob', score: 60 },
      { _id: '4', author: 'li', score: 55 },
      { _id: '5', author: 'jimmy', score: 60 },
      { _id: '6', author: 'li', score: 94 },
      { _id: '7', author: 'justan', score: 95 },
    ], 'agg_match')
  })

  it("CloudBase's examples: match({author: 'stark'}); match(score > 80) then group counting", async () => {
    assert.deepEqual(await run(articles.aggregate().match({ author: 'stark' }).sort({ _id: 1 })), [
      { _id: '1', author: 'stark', score: 80 },
      { _id: '2', author: 'stark', score: 85 },
    ])
    assert.deepEqual(await run(articles.aggregate().match({ score: _.gt(80) }).group({ _id: null, count: $.sum(1) })), [{ _id: null, count: 3 }])
  })

  it('command chains, _.or, _.in, a RegExp and _.expr', async () => {
    const ids = async q => (await run(articles.aggregate().match(q).sort({ _id: 1 }))).map(d => d._id)
    assert.deepEqual(await ids({ score: _.gt(70).and(_.lt(90)) }), ['1', '2'])
    assert.deepEqual(await ids(_.or([{ author: 'bob' }, { score: _.gte(95) }])), ['3', '7'])
    assert.deepEqual(await ids({ author: _.in(['li', 'jimmy']) }), ['4', '5', '6'])
    assert.deepEqual(await ids({ author: /^j/ }), ['5', '7'])
    assert.deepEqual(await ids(_.expr($.gt([$.strLenCP('$author'), 4]))), ['1', '2', '5', '7'])
  })

  it('a match after a group filters the groups', async () => {
    const docs = await run(articles.aggregate().group({ _id: '$author', best: $.max('$score') }).match({ best: _.gte(90) }))
    assert.deepEqual(byKey(docs), [{ _id: 'justan', best: 95 }, { _id: 'li', best: 94 }])
  })
})

describe('project', () => {
  let books
  before(async () => {
    // MongoDB's (and CloudBase's) $project example document.
    books = await seededCollection(db, [
      { _id: 1, title: 'abc123', isbn: '0001122223334', author: { last: 'zzz', first: 'aaa' }, copies: 5, lastModified: '2016-07-28' },
    ], 'agg_project')
  })

  it('inclusion with _id: 0, exclusion, a nested exclusion', async () => {
    assert.deepEqual(await run(books.aggregate().project({ _id: 0, title: 1, author: 1 })), [{ title: 'abc123', author: { last: 'zzz', first: 'aaa' } }])
    assert.deepEqual(await run(books.aggregate().project({ lastModified: 0, isbn: 0, copies: 0 })), [{ _id: 1, title: 'abc123', author: { last: 'zzz', first: 'aaa' } }])
    assert.deepEqual(await run(books.aggregate().project({ 'author.first': 0, lastModified: 0 })), [{ _id: 1, title: 'abc123', isbn: '0001122223334', author: { last: 'zzz' }, copies: 5 }])
  })

  it("MongoDB's example: computed fields with $.substr and a renamed path", async () => {
    const docs = await run(
      books.aggregate().project({
        title: 1,
        isbn: {
          prefix: $.substr(['$isbn', 0, 3]),
          group: $.substr(['$isbn', 3, 2]),
          publisher: $.substr(['$isbn', 5, 4]),
          title: $.substr(['$isbn', 9, 3]),
          checkDigit: $.substr(['$isbn', 12, 1]),
        },
        lastName: '$author.last',
        copiesSold: '$copies',
      })
    )
    assert.deepEqual(docs, [{
      _id: 1, title: 'abc123', isbn: { prefix: '000', group: '11', publisher: '2222', title: '333', checkDigit: '4' }, lastName: 'zzz', copiesSold: 5,
    }])
  })

  it('$$ROOT, $$REMOVE, a nested object of expressions and $.literal', async () => {
    assert.deepEqual(await run(books.aggregate().project({ _id: 0, whole: '$$ROOT.author' })), [{ whole: { last: 'zzz', first: 'aaa' } }])
    assert.deepEqual(
      await run(books.aggregate().addFields({ copies: '$$REMOVE', meta: { twice: $.multiply(['$copies', 2]), text: $.literal('$copies') } }).project({ copies: 1, meta: 1 })),
      [{ _id: 1, meta: { twice: 10, text: '$copies' } }]
    )
  })

  it('mixing inclusion and exclusion (other than _id) is refused', async () => {
    await expectError(books.aggregate().project({ title: 1, isbn: 0 }).end(), INVALID_PARAM, /\$project/)
  })
})

describe('replaceRoot', () => {
  let schools, roles
  before(async () => {
    // CloudBase's replaceRoot examples.
    schools = await seededCollection(db, [
      { _id: 1, name: 'SFLS', teachers: { chinese: 22, math: 18, english: 21, other: 123 } },
    ], 'agg_schools')
    roles = await seededCollection(db, [
      { _id: 1, first_name: '四郎', last_name: '黄' },
      { _id: 2, first_name: '邦德', last_name: '马' },
      { _id: 3, first_name: '牧之', last_name: '张' },
    ], 'agg_roles')
  })

  it("CloudBase's example: newRoot '$teachers'", async () => {
    assert.deepEqual(await run(schools.aggregate().replaceRoot({ newRoot: '$teachers' })), [{ chinese: 22, math: 18, english: 21, other: 123 }])
  })

  it("CloudBase's example: a new root built with $.concat", async () => {
    const docs = await run(roles.aggregate().sort({ _id: 1 }).replaceRoot({ newRoot: { full_name: $.concat(['$last_name', '$first_name']) } }))
    assert.deepEqual(docs, [{ full_name: '黄四郎' }, { full_name: '马邦德' }, { full_name: '张牧之' }])
  })

  it('a newRoot that is not a document is refused', async () => {
    await expectError(schools.aggregate().replaceRoot({ newRoot: '$name' }).end(), INVALID_PARAM, /\$replaceRoot: the new root must evaluate to an object/)
  })
})

describe('sample', () => {
  let users
  const ids = Array.from({ length: 10 }, (_, i) => `u${i}`)
  before(async () => {
    users = await seededCollection(db, ids.map((_id, i) => ({ _id, n: i })), 'agg_sample')
  })

  it('size n picks n distinct documents of the collection', async () => {
    const docs = await run(users.aggregate().sample({ size: 3 }))
    assert.equal(docs.length, 3)
    assert.equal(new Set(docs.map(d => d._id)).size, 3)
    for (const d of docs) assert.deepEqual(d, { _id: d._id, n: ids.indexOf(d._id) })
  })

  it('a size past the collection gives every document once; after a match only matching ones', async () => {
    assert.deepEqual((await run(users.aggregate().sample({ size: 50 }))).map(d => d._id).sort(), ids)
    const docs = await run(users.aggregate().match({ n: _.lt(4) }).sample({ size: 2 }))
    assert.equal(docs.length, 2)
    for (const d of docs) assert.ok(d.n < 4)
  })

  it('the choice is random (ten samples of one are not all the same document)', async () => {
    const seen = new Set()
    for (let i = 0; i < 10; i++) seen.add((await run(users.aggregate().sample({ size: 1 })))[0]._id)
    assert.ok(seen.size > 1, `ten samples all gave ${[...seen]}`)
  })
})

describe('skip', () => {
  let items
  before(async () => {
    items = await seededCollection(db, [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }, { _id: 'c', n: 3 }], 'agg_skip')
  })

  it("CloudBase's example: skip(1) after a sort; skipping past the end gives nothing", async () => {
    assert.deepEqual(await run(items.aggregate().sort({ n: 1 }).skip(1)), [{ _id: 'b', n: 2 }, { _id: 'c', n: 3 }])
    assert.deepEqual(await run(items.aggregate().skip(10)), [])
  })

  it('a negative skip is refused', async () => {
    await expectError(items.aggregate().skip(-1).end(), INVALID_PARAM, /\$skip/)
  })
})

describe('sort', () => {
  let articles
  before(async () => {
    // CloudBase's sort example.
    articles = await seededCollection(db, [
      { _id: '1', author: 'stark', score: 80, age: 18 },
      { _id: '2', author: 'bob', score: 60, age: 18 },
      { _id: '3', author: 'li', score: 55, age: 19 },
      { _id: '4', author: 'jimmy', score: 60, age: 22 },
      { _id: '5', author: 'justan', score: 95, age: 33 },
    ], 'agg_sort')
  })

  it("CloudBase's example: sort({age: -1, score: -1})", async () => {
    assert.deepEqual((await run(articles.aggregate().sort({ age: -1, score: -1 }))).map(d => d._id), ['5', '4', '3', '1', '2'])
  })

  it('ascending, by a string, and across types (missing < numbers < strings)', async () => {
    assert.deepEqual((await run(articles.aggregate().sort({ score: 1, _id: 1 }))).map(d => d._id), ['3', '2', '4', '1', '5'])
    assert.deepEqual((await run(articles.aggregate().sort({ author: 1 }))).map(d => d.author), ['bob', 'jimmy', 'justan', 'li', 'stark'])
    const mixed = await seededCollection(db, [{ _id: 's', v: 'x' }, { _id: 'n', v: 2 }, { _id: 'm' }, { _id: 'z', v: null }, { _id: 'd', v: 1.5 }], 'agg_sortmix')
    assert.deepEqual((await run(mixed.aggregate().sort({ v: 1, _id: 1 }))).map(d => d._id), ['m', 'z', 'd', 'n', 's'])
  })

  it('a sort direction other than 1 / -1 is refused', async () => {
    await expectError(articles.aggregate().sort({ age: 2 }).end(), INVALID_PARAM, /\$sort/)
  })
})

describe('sortByCount', () => {
  let passages, tagged
  before(async () => {
    // CloudBase's sortByCount examples.
    passages = await seededCollection(db, [{ category: 'Web' }, { category: 'Web' }, { category: 'Life' }], 'agg_sbc')
    tagged = await seededCollection(db, [
      { tags: ['JavaScript', 'C#'] }, { tags: ['Go', 'C#'] }, { tags: ['Go', 'Python', 'JavaScript'] },
    ], 'agg_sbc_tags')
  })

  it("CloudBase's example: sortByCount('$category')", async () => {
    assert.deepEqual(await run(passages.aggregate().sortByCount('$category')), [{ _id: 'Web', count: 2 }, { _id: 'Life', count: 1 }])
  })

  it("CloudBase's example: unwind('$tags') then sortByCount('$tags')", async () => {
    const docs = await run(tagged.aggregate().unwind('$tags').sortByCount('$tags'))
    assert.deepEqual(docs.map(d => d.count), [2, 2, 2, 1])
    assert.deepEqual(byKey(docs.slice(0, 3)), [{ _id: 'C#', count: 2 }, { _id: 'Go', count: 2 }, { _id: 'JavaScript', count: 2 }])
    assert.deepEqual(docs[3], { _id: 'Python', count: 1 })
  })
})

describe('unwind', () => {
  let products
  before(async () => {
    // CloudBase's unwind example.
    products = await seededCollection(db, [
      { _id: '1', product: 'tshirt', size: ['S', 'M', 'L'] },
      { _id: '2', product: 'pants', size: [] },
      { _id: '3', product: 'socks', size: null },
      { _id: '4', product: 'trousers', size: ['S'] },
      { _id: '5', product: 'sweater', size: ['M', 'L'] },
      { _id: '6', product: 'hat', size: 'one' },
      { _id: '7', product: 'scarf' },
    ], 'agg_unwind')
  })

  it("CloudBase's example: unwind('$size') (a scalar is a one-element array; empty, null and missing drop out)", async () => {
    const docs = await run(products.aggregate().sort({ _id: 1 }).unwind('$size'))
    assert.deepEqual(docs.map(d => `${d._id}:${d.size}`), ['1:S', '1:M', '1:L', '4:S', '5:M', '5:L', '6:one'])
  })

  it('includeArrayIndex', async () => {
    const docs = await run(products.aggregate().sort({ _id: 1 }).unwind({ path: '$size', includeArrayIndex: 'index' }))
    assert.deepEqual(docs.map(d => [d._id, d.size, d.index]), [
      ['1', 'S', 0], ['1', 'M', 1], ['1', 'L', 2], ['4', 'S', 0], ['5', 'M', 0], ['5', 'L', 1], ['6', 'one', null],
    ])
  })

  it('preserveNullAndEmptyArrays keeps them (an empty array is removed, a null kept)', async () => {
    const docs = await run(products.aggregate().sort({ _id: 1 }).unwind({ path: '$size', preserveNullAndEmptyArrays: true }))
    assert.deepEqual(docs, [
      { _id: '1', product: 'tshirt', size: 'S' },
      { _id: '1', product: 'tshirt', size: 'M' },
      { _id: '1', product: 'tshirt', size: 'L' },
      { _id: '2', product: 'pants' },
      { _id: '3', product: 'socks', size: null },
      { _id: '4', product: 'trousers', size: 'S' },
      { _id: '5', product: 'sweater', size: 'M' },
      { _id: '5', product: 'sweater', size: 'L' },
      { _id: '6', product: 'hat', size: 'one' },
      { _id: '7', product: 'scarf' },
    ])
  })

  it('a path without $ is refused', async () => {
    await expectError(products.aggregate().unwind('size').end(), INVALID_PARAM, /\$unwind/)
  })
})

describe('dates', () => {
  const d1 = new Date('2024-01-15T08:30:00.123Z')
  const d2 = new Date('2024-02-20T23:59:59.999Z')
  let events
  before(async () => {
    events = await seededCollection(db, [
      { _id: 'e1', k: 'a', at: d1 },
      { _id: 'e2', k: 'a', at: d2 },
      { _id: 'e3', k: 'b', at: new Date('2023-12-31T00:00:00Z') },
    ], 'agg_dates')
  })

  it('stored Dates come back as Date objects, through match, group ($.max, $.min, $.push) and project', async () => {
    const [raw] = await run(events.aggregate().match({ _id: 'e1' }))
    assert.ok(raw.at instanceof Date, `expected a Date, got ${JSON.stringify(raw.at)}`)
    assert.equal(raw.at.getTime(), d1.getTime())
    const [a] = await run(events.aggregate().match({ k: 'a' }).sort({ at: 1 }).group({ _id: '$k', last: $.max('$at'), first: $.min('$at'), all: $.push('$at') }))
    assert.ok(a.last instanceof Date && a.first instanceof Date)
    assert.deepEqual([a.first.getTime(), a.last.getTime()], [d1.getTime(), d2.getTime()])
    assert.deepEqual(a.all.map(d => d.getTime()), [d1.getTime(), d2.getTime()])
  })

  it('match compares against a Date; date operators read the parts', async () => {
    const docs = await run(
      events.aggregate()
        .match({ at: _.gte(new Date('2024-01-01T00:00:00Z')) })
        .project({ y: $.year('$at'), m: $.month('$at'), day: $.dateToString({ date: '$at', format: '%Y-%m-%dT%H:%M:%S.%LZ' }), later: $.add(['$at', 1000]) })
        .sort({ _id: 1 })
    )
    assert.deepEqual(docs.map(({ later, ...d }) => d), [
      { _id: 'e1', y: 2024, m: 1, day: '2024-01-15T08:30:00.123Z' },
      { _id: 'e2', y: 2024, m: 2, day: '2024-02-20T23:59:59.999Z' },
    ])
    assert.ok(docs[0].later instanceof Date, 'date + number is a Date')
    assert.equal(docs[0].later.getTime(), d1.getTime() + 1000)
  })
})

describe('result limits and the empty pipeline', () => {
  let thirty, five
  before(async () => {
    thirty = await seededCollection(db, Array.from({ length: 30 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}`, n: i })), 'agg_30')
    five = await seededCollection(db, Array.from({ length: 5 }, (_, i) => ({ _id: `f${i}`, n: i })), 'agg_5')
  })

  it('no limit stage: 20 results (CloudBase), also after a sort and with a skip', async () => {
    assert.equal((await run(thirty.aggregate().match({}))).length, 20)
    assert.deepEqual((await run(thirty.aggregate().sort({ n: -1 }))).map(d => d.n), Array.from({ length: 20 }, (_, i) => 29 - i))
    assert.deepEqual((await run(thirty.aggregate().sort({ n: 1 }).skip(5))).map(d => d.n), Array.from({ length: 20 }, (_, i) => i + 5))
    assert.deepEqual((await run(thirty.aggregate().sort({ n: 1 }).skip(25))).map(d => d.n), [25, 26, 27, 28, 29])
  })

  it('an explicit limit(50) gives all 30', async () => {
    const docs = await run(thirty.aggregate().sort({ n: 1 }).limit(50))
    assert.deepEqual(docs.map(d => d.n), Array.from({ length: 30 }, (_, i) => i))
  })

  it('an empty pipeline returns the documents as stored (20 at most)', async () => {
    assert.deepEqual(byKey(await run(five.aggregate())), Array.from({ length: 5 }, (_, i) => ({ _id: `f${i}`, n: i })))
    assert.equal((await run(thirty.aggregate())).length, 20)
  })

  it('at most 10 000 results whatever the limit ($range unwound into 10 005 documents, limit(20000))', async () => {
    const docs = await run(five.aggregate().match({ _id: 'f0' }).project({ _id: 0, r: $.range([0, 10005]) }).unwind('$r').limit(20000))
    assert.equal(docs.length, 10000)
    assert.deepEqual(docs[0], { r: 0 })
    assert.deepEqual(docs[9999], { r: 9999 })
  })
})

describe('the raw form: options({raw: true}).aggregate([...])', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, [{ _id: 'a', n: 1, k: 'x' }, { _id: 'b', n: 2, k: 'x' }, { _id: 'c', n: 3, k: 'y' }], 'agg_raw')
  })

  it('native MongoDB stages run as written', async () => {
    const docs = await run(coll.options({ raw: true }).aggregate([{ $match: { n: { $gte: 2 } } }, { $group: { _id: '$k', total: { $sum: '$n' } } }, { $sort: { _id: 1 } }]))
    assert.deepEqual(docs, [{ _id: 'x', total: 2 }, { _id: 'y', total: 3 }])
  })

  it('$set and $replaceWith, the aliases MongoDB adds, are run too', async () => {
    const docs = await run(coll.options({ raw: true }).aggregate([{ $sort: { n: 1 } }, { $set: { m: { $multiply: ['$n', 10] } } }, { $replaceWith: { v: '$m' } }]))
    assert.deepEqual(docs, [{ v: 10 }, { v: 20 }, { v: 30 }])
  })
})

describe('refusals', () => {
  let coll, before_, target
  before(async () => {
    coll = await seededCollection(db, [{ _id: 'a', n: 1, k: 'x' }, { _id: 'b', n: 2, k: 'y' }], 'agg_refuse')
    target = uniqueName('agg_out')
    before_ = await readAll(coll)
  })
  const raw = stages => coll.options({ raw: true }).aggregate(stages).end()

  it('stages the server does not run are refused by name: $facet, $out, $merge, $graphLookup, $unionWith, $collStats', async () => {
    const stages = [
      { $facet: { a: [{ $match: {} }] } },
      { $out: target },
      { $merge: { into: target } },
      { $graphLookup: { from: target, startWith: '$n', connectFromField: 'n', connectToField: 'n', as: 'g' } },
      { $unionWith: target },
      { $collStats: {} },
    ]
    for (const stage of stages) {
      const name = Object.keys(stage)[0]
      await expectError(raw([stage]), INVALID_OPERATOR, new RegExp(`unsupported aggregation stage: \\${name}`))
    }
  })

  it('the raw action answers {code, message, requestId} for an unknown stage', async () => {
    const res = await admin('database.aggregateDocuments', { collectionName: coll.name, stages: [{ stageKey: '$facet', stageValue: '{}' }] })
    assert.equal(res.code, INVALID_OPERATOR)
    assert.match(res.message, /\$facet/)
    assert.equal(typeof res.requestId, 'string')
    assert.equal(res.data, undefined)
    // The same action with a stage it knows answers a list of (canonical) EJSON strings, one a document.
    const ok = await adminData('database.aggregateDocuments', { collectionName: coll.name, stages: [{ stageKey: '$count', stageValue: '"n"' }] })
    assert.equal(ok.list.length, 1)
    assert.equal(typeof ok.list[0], 'string')
    assert.deepEqual(JSON.parse(ok.list[0]), { n: { $numberInt: '2' } })
  })

  it('server-side JavaScript is refused: $where, $function, $accumulator', async () => {
    await expectError(coll.aggregate().match({ $where: 'this.n > 1' }).end(), INVALID_OPERATOR, /\$where/)
    await expectError(raw([{ $match: { $where: 'this.n > 1' } }]), INVALID_OPERATOR, /\$where/)
    const fn = { $function: { body: 'function(n) { return n * 2 }', args: ['$n'], lang: 'js' } }
    await expectError(coll.aggregate().addFields({ twice: fn }).end(), INVALID_OPERATOR, /\$function/)
    await expectError(coll.aggregate().match(_.expr(fn)).end(), INVALID_OPERATOR, /\$function/)
    const acc = { $accumulator: { init: 'function() { return 0 }', accumulate: 'function(s, n) { return s + n }', accumulateArgs: ['$n'], merge: 'function(a, b) { return a + b }', lang: 'js' } }
    await expectError(coll.aggregate().group({ _id: null, s: acc }).end(), INVALID_OPERATOR, /\$accumulator/)
  })

  it('$geoNear anywhere but first is refused', async () => {
    await expectError(
      coll.aggregate().match({}).geoNear({ distanceField: 'd', near: new Point(113, 23) }).end(),
      INVALID_PARAM,
      /\$geoNear is only valid as the first stage/
    )
  })

  it('$limit 0 is refused', async () => {
    await expectError(coll.aggregate().limit(0).end(), INVALID_PARAM, /\$limit: the limit must be positive/)
  })

  it('a $group over more than 100 000 distinct keys is refused with a clear error; exactly 100 000 is allowed', async () => {
    // The limit is AggregationLimits.MaxGroups (100 000, not configurable on the host); $range + $unwind reach it
    // from one stored document.
    const keys = n => coll.aggregate().match({ _id: 'a' }).project({ _id: 0, r: $.range([0, n]) }).unwind('$r').group({ _id: '$r' })
    assert.deepEqual(await run(keys(100000).count('groups')), [{ groups: 100000 }])
    await expectError(keys(100001).count('groups').end(), REQUEST_FAILED, /\$group exceeded the limit of 100000 distinct groups/)
    await expectError(
      coll.aggregate().match({ _id: 'a' }).project({ _id: 0, r: $.range([0, 100001]) }).unwind('$r').sortByCount('$r').end(),
      REQUEST_FAILED,
      /\$sortByCount exceeded the limit of 100000 distinct groups/
    )
  })

  it('nothing changed: the collection is as seeded and no $out / $merge target was created', async () => {
    assert.deepEqual(await readAll(coll), before_)
    await expectError(db.collection(target).get(), 'DATABASE_COLLECTION_NOT_EXIST')
  })
})

describe('a missing collection', () => {
  it('aggregating a collection that does not exist is DATABASE_COLLECTION_NOT_EXIST (as get)', async () => {
    await expectError(db.collection(uniqueName('agg_none')).aggregate().end(), 'DATABASE_COLLECTION_NOT_EXIST')
  })

  it('an empty collection aggregates to nothing', async () => {
    const empty = await freshCollection(db, 'agg_empty')
    assert.deepEqual(await run(empty.aggregate().group({ _id: null, n: $.sum(1) })), [])
  })
})
