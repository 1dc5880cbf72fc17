// A write load through the real @cloudbase/node-sdk, spread over the nodes of a cluster, that keeps a ledger of what
// each write's answer was; and the check of a cluster's final state against that ledger.
//   node cluster/ledger.mjs load <ledger.json>    creates <ledger.json>.loading once set up, writes for DURATION_MS,
//                                                 then saves the ledger
//   node cluster/ledger.mjs verify <ledger.json>  prints one JSON line: what was lost, doubled or altered
// Environment: ACTORCLOUD_URLS (comma-separated node addresses), ACTORCLOUD_KEY, ACTORCLOUD_ENV, DURATION_MS, WORKERS,
// LEDGER_PREFIX (the collections' names start with it; default "ledger").
// Writes are never retried: a write whose answer was an error or no answer has an unknown outcome (the node may have
// died after making it durable), so it may be present once but never twice. Counters are incremented by acknowledged
// and unknown increments; their final value lies between the two counts.
import { readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'

process.env.SILENCE = 'true'
process.env.TENCENTCLOUD = 'true'

const urls = process.env.ACTORCLOUD_URLS.split(',').map(u => u.replace(/\/+$/, ''))
const env = process.env.ACTORCLOUD_ENV
const accessKey = process.env.ACTORCLOUD_KEY
const [phase, file] = process.argv.slice(2)
const prefix = process.env.LEDGER_PREFIX ?? 'ledger'
const collections = ['a', 'b', 'c', 'd', 'e', 'f'].map(s => `${prefix}_${s}`)
const counters = `${prefix}_counters`

const dbs = urls.map(u => tcb.init({ env, serviceUrl: `${u}/admin`, accessKey, timeout: 20000 }).database())

/**
 * Runs fn against node i's database, moving on to the next node while one refuses connections: a refused connection
 * sent nothing, so trying elsewhere is safe. A connection reset is not: the request may have been made.
 */
async function onNode(start, fn) {
  for (let k = 0; k < urls.length; k++) {
    const db = dbs[(start + k) % urls.length]
    try {
      return { node: (start + k) % urls.length, result: await fn(db) }
    } catch (e) {
      const refused = /ECONNREFUSED/.test(`${e.message} ${e.code}`)
      if (!refused || k === urls.length - 1) throw e
    }
  }
}

async function load() {
  const duration = Number(process.env.DURATION_MS ?? 20000)
  const workers = Number(process.env.WORKERS ?? 24)
  for (const name of [...collections, counters]) {
    await onNode(0, db => db.createCollection(name)).catch(e => {
      if (!/exists/i.test(e.message)) throw e
    })
  }
  for (let w = 0; w < workers; w++) await onNode(0, db => db.collection(counters).doc(`w${w}`).set({ n: 0 }))

  // Tells a waiting test that setup is over and the load begins (it kills a node during the load, not the setup).
  writeFileSync(`${file}.loading`, '')
  const ledger = { acknowledged: [], unknown: [], increments: {}, slowest: 0 }
  const until = Date.now() + duration
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    ledger.increments[`w${w}`] = { acknowledged: 0, unknown: 0 }
    for (let i = 0; Date.now() < until; i++) {
      const at = Date.now()
      if (i % 5 === 4) {
        const tally = ledger.increments[`w${w}`]
        try {
          const { result } = await onNode(w + i, db => db.collection(counters).doc(`w${w}`).update({ n: db.command.inc(1) }))
          if (result.code || result.updated !== 1) throw new Error(result.code ?? `updated ${result.updated}`)
          tally.acknowledged++
        } catch {
          tally.unknown++
        }
        continue
      }
      const doc = { token: randomBytes(8).toString('hex'), w, i, at, body: randomBytes(24).toString('base64') }
      const collection = collections[(w + i) % collections.length]
      try {
        const { result } = await onNode(w + i, db => db.collection(collection).add(doc))
        if (result.code || !result.id) throw new Error(result.code ?? 'no id')
        ledger.acknowledged.push({ collection, id: result.id, doc })
        ledger.slowest = Math.max(ledger.slowest, Date.now() - at)
      } catch (e) {
        ledger.unknown.push({ collection, doc, error: String(e.code ?? e.message).slice(0, 200) })
        await new Promise(r => setTimeout(r, 100))
      }
    }
  }))
  writeFileSync(file, JSON.stringify(ledger))
  const errors = {}
  for (const { error } of ledger.unknown) errors[error] = (errors[error] ?? 0) + 1
  console.log(JSON.stringify({ acknowledged: ledger.acknowledged.length, unknown: ledger.unknown.length, slowestMs: ledger.slowest, errors }))
}

async function readAll(db, name) {
  const all = []
  for (let skip = 0; ; skip += 1000) {
    const page = await db.collection(name).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    all.push(...page.data)
    if (page.data.length < 1000) return all
  }
}

async function verify() {
  const ledger = JSON.parse(readFileSync(file, 'utf8'))
  const db = dbs[0]
  const byToken = new Map()
  for (const name of collections) {
    for (const doc of await readAll(db, name)) {
      const list = byToken.get(doc.token) ?? []
      list.push({ collection: name, doc })
      byToken.set(doc.token, list)
    }
  }
  const lastAcknowledgedAt = Math.max(...ledger.acknowledged.map(e => e.doc.at))
  const report = { lastAcknowledgedAt, acknowledged: ledger.acknowledged.length, unknown: ledger.unknown.length, lost: [], doubled: [], altered: [], unknownApplied: 0, counters: [] }
  for (const { collection, id, doc } of ledger.acknowledged) {
    const found = byToken.get(doc.token) ?? []
    if (found.length === 0) report.lost.push(doc.token)
    else if (found.length > 1) report.doubled.push(doc.token)
    else {
      const f = found[0]
      const same = f.collection === collection && f.doc._id === id && f.doc.w === doc.w && f.doc.i === doc.i && f.doc.at === doc.at && f.doc.body === doc.body
      if (!same) report.altered.push(doc.token)
    }
  }
  for (const { doc } of ledger.unknown) {
    const found = byToken.get(doc.token) ?? []
    if (found.length > 1) report.doubled.push(doc.token)
    report.unknownApplied += found.length
  }
  const known = new Set([...ledger.acknowledged, ...ledger.unknown].map(e => e.doc.token))
  report.strangers = [...byToken.keys()].filter(t => !known.has(t)).length
  for (const [id, tally] of Object.entries(ledger.increments)) {
    const { data } = await db.collection(counters).doc(id).get()
    const n = data[0]?.n
    if (!(n >= tally.acknowledged && n <= tally.acknowledged + tally.unknown)) report.counters.push({ id, n, ...tally })
  }
  console.log(JSON.stringify(report))
}

if (phase === 'load') await load()
else if (phase === 'verify') await verify()
else throw new Error('usage: ledger.mjs load|verify <ledger.json>')
