// A mini-program style function on wx-server-sdk, which the runtime provides (not bundled): the database, storage,
// a nested call and the caller's WeChat context, all through the function's own environment and credentials.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  switch (event.op) {
    case 'context':
      return cloud.getWXContext()
    case 'db': {
      const db = cloud.database()
      try {
        await db.createCollection(event.collection)
      } catch (e) {
        // already there
      }
      const coll = db.collection(event.collection)
      const added = await coll.add({ data: { text: event.text, n: 42 } })
      const read = await coll.doc(added._id).get()
      const counted = await coll.where({ text: event.text }).count()
      return { _id: added._id, doc: read.data, total: counted.total }
    }
    case 'upload': {
      const res = await cloud.uploadFile({ cloudPath: event.cloudPath, fileContent: Buffer.from(event.content, 'utf8') })
      return { fileID: res.fileID }
    }
    case 'download': {
      const res = await cloud.downloadFile({ fileID: event.fileID })
      return { content: res.fileContent.toString('utf8') }
    }
    case 'nested': {
      const res = await cloud.callFunction({ name: event.name, data: event.data })
      return { result: res.result, requestId: res.requestId }
    }
    default:
      throw new Error(`unknown op ${event.op}`)
  }
}
