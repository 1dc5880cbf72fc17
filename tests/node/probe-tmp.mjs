const t0 = Date.now()
process.on('exit', () => console.error('exit at', Date.now() - t0))
setInterval(() => console.error('tick', Date.now() - t0, process._getActiveHandles().map(h => h.constructor.name).join(',')), 2000).unref()
await import('./query.test.mjs')
