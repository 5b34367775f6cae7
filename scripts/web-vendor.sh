#!/bin/sh
# Re-vendor the web UI's JavaScript libraries from the npm registry into
# src/selon/web/static/vendor/ (built, minified files and their licences only;
# no node_modules), and record the CSP hashes of the stylesheets vis-timeline
# injects at run time, so the page keeps a strict style-src without
# 'unsafe-inline'.  Needs node and npm; run from anywhere; commit the result.
set -eu
CYTOSCAPE=3.34.4
VIS_TIMELINE=8.5.4
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/src/selon/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "cytoscape@$CYTOSCAPE" "vis-timeline@$VIS_TIMELINE" >/dev/null
mkdir cy vt
tar xzf "cytoscape-$CYTOSCAPE.tgz" -C cy
tar xzf "vis-timeline-$VIS_TIMELINE.tgz" -C vt
mkdir -p "$dest"
cp cy/package/dist/cytoscape.min.js "$dest/"
cp cy/package/LICENSE "$dest/LICENSE.cytoscape.txt"
cp vt/package/standalone/umd/vis-timeline-graph2d.min.js "$dest/"
cp vt/package/styles/vis-timeline-graph2d.min.css "$dest/"
cp vt/package/LICENSE.MIT.txt "$dest/LICENSE.vis-timeline.MIT.txt"
cp vt/package/LICENSE.Apache-2.0.txt "$dest/LICENSE.vis-timeline.Apache-2.0.txt"
# Load the bundle against a stub DOM that records every <style> text it injects, and hash each one.
cat > capture.js <<'JS'
const fs = require('fs'); const crypto = require('crypto');
const captured = [];
const el = (tag) => ({ tag, style: {}, setAttribute() {}, addEventListener() {},
  appendChild(t) { if (tag === 'style') captured.push(typeof t === 'string' ? t : t.text); } });
global.window = global; global.navigator = { userAgent: 'node' };
global.document = { head: { firstChild: null, appendChild() {}, insertBefore() {} },
  getElementsByTagName() { return [this.head]; }, createElement: el, createTextNode: (t) => ({ text: t }),
  addEventListener() {}, documentElement: { style: {} } };
new Function('module', 'exports', 'define', fs.readFileSync(process.argv[2], 'utf8'))(undefined, undefined, undefined);
for (const c of captured) console.log('sha256-' + crypto.createHash('sha256').update(c, 'utf8').digest('base64'));
JS
{
  echo "# CSP hashes of the <style> elements vis-timeline $VIS_TIMELINE injects (scripts/web-vendor.sh)."
  echo "# It inserts each element empty, then fills it: the empty one is checked too."
  printf '' | node -e "process.stdout.write('sha256-' + require('crypto').createHash('sha256').update('').digest('base64') + '\\n')"
  node capture.js "$dest/vis-timeline-graph2d.min.js"
} > "$dest/csp-style-hashes.txt"
(cd "$dest" && sha256sum cytoscape.min.js vis-timeline-graph2d.min.js vis-timeline-graph2d.min.css > SHA256SUMS)
echo "vendored cytoscape $CYTOSCAPE and vis-timeline $VIS_TIMELINE into $dest"
