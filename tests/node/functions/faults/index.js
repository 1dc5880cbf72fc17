// Misbehaviour on demand (event.mode); 'ok' answers normally with the process id, so a test can tell whether the
// process that misbehaved is still the one serving.
const fs = require('fs')

exports.main = (event) => {
  switch (event.mode) {
    case 'ok':
      return { ok: true, pid: process.pid }
    case 'wait':
      return new Promise(resolve => setTimeout(() => resolve({ ok: true, pid: process.pid }), event.ms))
    case 'throw':
      throw new Error(`thrown on purpose (${event.tag})`)
    case 'reject':
      return Promise.reject(new Error(`rejected on purpose (${event.tag})`))
    case 'spin':
      while (true) {}
    case 'hang':
      return new Promise(() => {})
    case 'exit':
      process.exit(1)
      break
    case 'sized':
      // JSON text of event.bytes bytes: the string plus its two quotes
      return 'x'.repeat(event.bytes - 2)
    case 'circular': {
      const node = { name: 'loop' }
      node.self = node
      return node
    }
    case 'oom': {
      const hog = []
      while (true) hog.push(new Array(1 << 20).fill(hog.length))
    }
    case 'logs': {
      for (let i = 0; i < 100000; i++) console.log('console line %d of a flood', i)
      for (let i = 0; i < 100000; i++) process.stdout.write(`stdout line ${i} of a flood\n`)
      return { logged: 200000 }
    }
    case 'read':
      return fs.readFileSync(event.path, 'utf8')
    case 'exec':
      return require('child_process').execSync('id').toString()
    default:
      throw new Error(`unknown mode ${event.mode}`)
  }
}
