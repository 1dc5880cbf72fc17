// The example's logic: plain browser JavaScript over the global `cloudbase` the UMD bundle defines.
// Every step writes its outcome into its status element: data-state is pending → ok | error, and data-* attributes
// carry the values (uid, document id, file id, sum) so that a person and an automated test read the same page.
'use strict'

// ?env=<id> picks the environment; test-env is what `run.sh --env test-env` and the test hosts create.
const env = new URLSearchParams(location.search).get('env') || 'test-env'
document.getElementById('env').textContent = env

const app = cloudbase.init({ env })
// Send the SDK to the host that served this page instead of Tencent Cloud: `/web` actions go to exactly this URL,
// sign-in goes to `/auth/v1/*` at the root of the same origin. The protocol is passed without its colon ('http').
app.registerEndPoint(`//${location.host}/web`, location.protocol.replace(':', ''))
// 2.x fixes the sign-in origin inside init(); asking for auth WITH a config re-creates it after registerEndPoint.
// A plain app.auth() would still sign in at Tencent's servers.
const auth = app.auth({ persistence: 'local' })

/** Shows a step's outcome: `state` is 'pending', 'ok' or 'error'; `data` becomes data-* attributes. */
function show(id, state, text, data = {}) {
  const el = document.getElementById(id)
  el.dataset.state = state
  el.textContent = text
  for (const [key, value] of Object.entries(data)) el.dataset[key] = String(value)
  return el
}

/** Runs a step, turning any failure into an error outcome (and into the console, where developers look). */
async function step(id, fn) {
  show(id, 'pending', 'working…')
  try {
    await fn()
  } catch (error) {
    console.error(`step ${id} failed:`, error)
    show(id, 'error', String(error?.message ?? error))
  }
}

/** Database calls do not throw on a server refusal: they resolve with {code, message}. */
function checked(res, what) {
  if (res && res.code) throw new Error(`${what}: [${res.code}] ${res.message}`)
  return res
}

/** A book as a list item that carries its id, title and creator. */
function bookItem(book) {
  const li = document.createElement('li')
  li.dataset.id = book._id
  li.dataset.title = book.title
  if (book._openid) li.dataset.openid = book._openid
  li.textContent = `${book.title} — ${book.author} (${book.publishInfo?.year}, ${book.publishInfo?.country})`
  return li
}

function showBooks(listId, books) {
  document.getElementById(listId).replaceChildren(...books.map(bookItem))
}

// One of the seed's books. No _id (the server assigns one) and never an _openid: the server records the creator.
const catcher = {
  title: 'The Catcher in the Rye',
  author: 'J. D. Salinger',
  characters: ['Holden Caulfield', 'Stradlater', 'Mr. Antolini'],
  publishInfo: { year: 1951, country: 'United States' },
}

let uid = null

async function signIn() {
  // Reuse a stored sign-in (persistence 'local' keeps it in localStorage) so that reloading the page stays the same
  // anonymous user; only a first visit creates one.
  const existing = await auth.getLoginState()
  if (existing?.user?.uid) {
    uid = existing.user.uid
  } else {
    // 2.32's signInAnonymously does not throw: it answers {data: {user, session}, error}.
    const { data, error } = await auth.signInAnonymously()
    if (error) throw error
    uid = data.user.id
  }
  show('signin', 'ok', `signed in anonymously as ${uid}`, { uid })
}

async function addBook() {
  const res = checked(await app.database().collection('books').add(catcher), 'add')
  show('add', 'ok', `added "${catcher.title}" as ${res.id}`, { id: res.id })
}

async function queryBooks() {
  // The seed's query, as a mini program writes it.
  const res = checked(await app.database().collection('books').where({ publishInfo: { country: 'United States' } }).get(), 'query')
  showBooks('query-list', res.data)
  show('query', 'ok', `${res.data.length} book(s) published in the United States`, { count: res.data.length })
}

async function listBooks() {
  const res = checked(await app.database().collection('books').get(), 'list')
  showBooks('list-list', res.data)
  show('list', 'ok', `${res.data.length} book(s) in the collection`, { count: res.data.length })
}

async function callAdd() {
  const res = await app.callFunction({ name: 'add', data: { a: 12, b: 19 } })
  show('function', 'ok', `add returned ${JSON.stringify(res.result)}`, { sum: res.result.sum })
}

/** Uploads a File or Blob under the user's own folder, then shows it through a temporary URL. */
async function uploadPicture(blob, name) {
  // A folder per user: under the READONLY storage permission a user may create files and overwrite only their own.
  const cloudPath = `web-example/${uid}/${name}`
  show('image', 'idle', '')
  document.getElementById('picture').removeAttribute('src')
  // Kept for inspection in the devtools (the end-to-end test compares it with what the server stored).
  window.lastUpload = { cloudPath, blob, fileID: null }
  const res = await app.uploadFile({ cloudPath, filePath: blob })
  window.lastUpload.fileID = res.fileID
  show('upload', 'ok', `uploaded ${blob.size} bytes as ${res.fileID}`, { fileId: res.fileID, size: blob.size })

  await step('image', async () => {
    const { fileList } = await app.getTempFileURL({ fileList: [res.fileID] })
    const [item] = fileList
    if (item.code !== 'SUCCESS') throw new Error(`getTempFileURL: ${item.code}`)
    const img = document.getElementById('picture')
    await new Promise((resolve, reject) => {
      img.onload = resolve
      img.onerror = () => reject(new Error(`the temporary URL did not load as an image: ${item.tempFileURL}`))
      img.src = item.tempFileURL
    })
    show('image', 'ok', `shown from its temporary URL (${img.naturalWidth}×${img.naturalHeight})`, {
      url: item.tempFileURL, width: img.naturalWidth,
    })
  })
}

/** A small PNG drawn on a canvas (different each time: it shows the time), so no file dialog is needed. */
function generatedPng() {
  const canvas = document.getElementById('canvas')
  const ctx = canvas.getContext('2d')
  const hue = Date.now() % 360
  ctx.fillStyle = `hsl(${hue} 70% 55%)`
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.fillStyle = '#fff'
  ctx.font = 'bold 14px sans-serif'
  ctx.fillText(new Date().toISOString().slice(11, 19), 4, 38)
  return new Promise((resolve, reject) =>
    canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'))
}

function enableUploads() {
  const input = document.getElementById('file')
  const button = document.getElementById('upload-generated')
  input.addEventListener('change', () => {
    const [file] = input.files
    if (file) step('upload', () => uploadPicture(file, file.name))
  })
  button.addEventListener('click', () =>
    step('upload', async () => uploadPicture(await generatedPng(), `generated-${Date.now()}.png`)))
  input.disabled = false
  button.disabled = false
}

async function main() {
  await step('signin', signIn)
  if (!uid) return // every other call needs a signed-in user: 2.x refuses to send them without a token
  enableUploads()
  await step('add', addBook)
  // The reads run after the add so that they include the new book.
  await Promise.all([step('query', queryBooks), step('list', listBooks), step('function', callAdd)])
}

main()
