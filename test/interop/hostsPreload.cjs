// `node --require` preload: resolves adminlogin.liveperson.net to 127.0.0.1, like one line in /etc/hosts,
// so LivePerson's agent-sample-app runs against a local simulator without a change to its code.
const dns = require('node:dns');
const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (hostname === 'adminlogin.liveperson.net') {
    const done = typeof options === 'function' ? options : callback;
    const all = typeof options === 'object' && options !== null && options.all;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    return {};
  }
  return original.apply(this, arguments);
};
