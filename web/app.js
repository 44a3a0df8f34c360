// otawire web inspector: runs the inspector core (WebAssembly, examples/inspect/wasm.cpp) on the
// capture text and shows its records: a table of lines, the selected line's error in its text,
// and a timeline of session states per device. No framework, no network.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { module: null, records: [], lines: [], selected: -1, rowLimit: 1000 };

// --- the WebAssembly core -------------------------------------------------------------------

async function loadCore() {
  state.module = await createInspector();
}

// The JSON lines of `otawire-inspect --jsonl` for `text`. A crash of the core (it cannot throw
// out: the build has no exception catching) loses the module, so it is loaded afresh for the
// next capture and the page stays usable.
function inspectText(text) {
  const m = state.module;
  const size = m.lengthBytesUTF8(text);
  const input = m._malloc(size + 1);
  try {
    m.stringToUTF8(text, input, size + 1);
    const output = m._inspect_capture_jsonl(input, size);
    return m.UTF8ToString(output, m._inspect_report_size());
  } finally {
    m._free(input);
  }
}

// Records of the capture; also the page's test hook (tests/web/test_web.py).
async function inspectCapture(text) {
  const t0 = performance.now();
  let jsonl;
  try {
    jsonl = inspectText(text);
  } catch (e) {
    state.module = null;
    loadCore().catch(() => {});
    throw new Error('the inspector core failed on this capture (' + e.message + '); it has been restarted');
  }
  const records = jsonl ? jsonl.split('\n').filter((l) => l).map((l) => JSON.parse(l)) : [];
  return { records, ms: performance.now() - t0 };
}
window.otawireInspect = inspectCapture;

// --- where a record's error is in its line ---------------------------------------------------

const hexProtocols = new Set(['pcp']);
const lineLevelCodes = new Set(['unknown_protocol', 'bad_timestamp', 'bad_directive']);

// The line split into the text before the payload and the payload, as the inspector reads it.
function splitLine(raw, record) {
  let pos = raw.search(/\S/);
  if (pos < 0) return { textStart: 0, restStart: 0, payloadStart: raw.length, hex: false };
  const textStart = pos;
  const word = () => {
    const m = /\S+/y; m.lastIndex = pos; const r = m.exec(raw);
    if (!r) return '';
    pos += r[0].length;
    const s = /[ \t]*/y; s.lastIndex = pos; pos += s.exec(raw)[0].length;
    return r[0];
  };
  let first = word();
  if (first.startsWith('@') || /^\d{4}-\d\d-\d\dT/.test(first)) first = word();  // timestamp
  const restStart = pos;
  let hex = false;
  if (record.protocol === 'pcp') { word(); hex = true; }
  else if (record.protocol === 'lwm2m') { const w = word(); hex = !/;text$/.test(w); }
  else if (first !== '#') word();  // the topic
  return { textStart, restStart, payloadStart: pos, hex };
}

// [start, end) characters of `raw` to highlight for the record's error, or null.
function errorSpan(raw, record) {
  const e = record.error;
  if (!e) return null;
  const split = splitLine(raw, record);
  if (e.offset === null || e.offset === undefined) return keySpan(raw, split, e.where);
  let start;
  let width = 1;
  if (e.offset_unit === 'char') {
    if (lineLevelCodes.has(e.code)) start = split.textStart + e.offset;
    else if (e.code === 'malformed_line') start = split.restStart + e.offset;
    else start = split.payloadStart + e.offset;
  } else if (split.hex || hexProtocols.has(record.protocol)) {
    start = split.payloadStart + 2 * e.offset;
    width = 2;
  } else {
    // A byte of the UTF-8 payload: count characters up to it.
    const bytes = new TextEncoder().encode(raw.slice(split.payloadStart));
    start = split.payloadStart + new TextDecoder().decode(bytes.slice(0, e.offset)).length;
  }
  start = Math.min(Math.max(start, 0), raw.length);
  return [start, Math.min(start + width, raw.length)];
}

// The WebAssembly build decodes JSON with Boost.JSON, which reports the path of a bad field but
// not its byte (inspect/json_backend.hpp): find the path's keys in order in the JSON text and
// mark the last one.
function keySpan(raw, split, where) {
  if (split.hex || !where || !raw.slice(split.payloadStart).startsWith('{')) return null;
  let pos = split.payloadStart;
  let found = -1;
  let key = '';
  for (const segment of where.split('.')) {
    key = '"' + segment.replace(/\[\]$/, '') + '"';
    found = raw.indexOf(key, pos);
    if (found < 0) return null;
    pos = found + key.length;
  }
  return [found, found + key.length];
}

// --- rendering ------------------------------------------------------------------------------

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

function fieldsText(fields) {
  return Object.entries(fields).map(([k, v]) => k + '=' + (typeof v === 'string' ? v : JSON.stringify(v))).join('  ');
}

function verdictText(r) {
  if (r.ok) return 'ok';
  const parts = [];
  if (r.error) {
    let s = 'error ' + r.error.code;
    if (r.error.where) s += ' at ' + r.error.where;
    if (r.error.offset !== null && r.error.offset !== undefined) {
      s += ' (' + (r.error.offset_unit === 'char' ? 'character ' : 'byte ') + r.error.offset + ')';
    }
    parts.push(s);
  }
  if (r.session.error) {
    const se = r.session.error;
    parts.push('rejected: rule ' + se.rule + ' in state ' + se.state + ' (' + se.code + ')');
  }
  return parts.join('; ');
}

function sessionText(r) {
  return (r.session.device ? r.session.device + ': ' : '') + (r.session.state || '');
}

// Rows drawn at a time: a browser lays out a 10 000-row table in seconds, a page of rows at once.
const rowsPerPage = 1000;

function renderTable() {
  const onlyFailed = $('only-failed').checked;
  const rows = [];
  let hidden = 0;
  state.records.forEach((r, i) => {
    if (onlyFailed && r.ok) return;
    if (rows.length >= state.rowLimit) { hidden++; return; }
    rows.push('<tr tabindex="0" data-index="' + i + '" data-line="' + r.line + '" class="' + (r.ok ? 'ok' : 'failed') +
      '"><td>' + r.line + '</td><td>' + esc(r.protocol) + '</td><td>' + esc(r.type || '?') +
      '</td><td class="verdict">' + esc(verdictText(r)) + '</td><td>' + esc(sessionText(r)) +
      '</td><td class="fields">' + esc(fieldsText(r.fields)) + '</td></tr>');
  });
  if (hidden > 0) {
    rows.push('<tr class="more"><td colspan="6"><button type="button" id="more">Show ' + Math.min(hidden, rowsPerPage) +
      ' more lines (' + hidden + ' not shown)</button></td></tr>');
  }
  $('table').tBodies[0].innerHTML = rows.join('');
}

function renderDetail(index) {
  const panel = $('detail');
  const r = state.records[index];
  if (!r) { panel.hidden = true; return; }
  state.selected = index;
  const raw = state.lines[r.line - 1] || '';
  const span = errorSpan(raw, r);
  let text = esc(raw);
  if (span) {
    text = esc(raw.slice(0, span[0])) + '<mark id="error-mark">' + (esc(raw.slice(span[0], span[1])) || '&nbsp;') +
      '</mark>' + esc(raw.slice(span[1]));
  }
  const rows = [['Verdict', verdictText(r)], ['Type', r.type || '?'], ['Session', sessionText(r)]];
  if (r.error) rows.push(['Error', r.error.code + (r.error.where ? ' at ' + r.error.where : '')]);
  if (r.session.error) rows.push(['Rule', r.session.error.rule + ' (in state ' + r.session.error.state + ')']);
  panel.innerHTML = '<h2>Line ' + r.line + ' <span class="badge ' + (r.ok ? 'ok' : 'failed') + '">' +
    (r.ok ? 'ok' : 'FAILED') + '</span></h2><pre class="raw">' + text + '</pre><dl>' +
    rows.map(([k, v]) => '<dt>' + k + '</dt><dd>' + esc(v) + '</dd>').join('') +
    '</dl><pre class="json">' + esc(JSON.stringify(r.fields, null, 2)) + '</pre>';
  panel.hidden = false;
}

// Stable colour per state name.
function stateColour(name) {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 360;
  return 'hsl(' + h + ' 55% 85%)';
}

const maxTimelineSteps = 300;

function renderTimelines() {
  const devices = new Map();
  state.records.forEach((r, i) => {
    if (!r.session.state && !r.session.error) return;
    const key = r.protocol + (r.session.device ? ' · ' + r.session.device : '');
    if (!devices.has(key)) devices.set(key, []);
    devices.get(key).push(i);
  });
  const out = [];
  for (const [key, indices] of devices) {
    const shown = indices.slice(0, maxTimelineSteps);
    const step = 36;
    const left = 12;
    const width = left * 2 + step * Math.max(shown.length, 1) + 120;  // room for the last state name
    const parts = [];
    // State bands: consecutive messages in the same state after them. Labels alternate between
    // two rows, each cut (with an ellipsis; the band's tooltip has it whole) where the next label
    // on its row starts, so that the names of short neighbouring bands never overlap.
    const bands = [];
    for (let k = 0; k < shown.length; k++) {
      const here = state.records[shown[k]].session.state || '?';
      if (bands.length && bands[bands.length - 1].state === here) bands[bands.length - 1].end = k + 1;
      else bands.push({ state: here, start: k, end: k + 1 });
    }
    const charWidth = 6.6;  // of the 11px bold label font, generously
    bands.forEach((b, n) => {
      const x = left + b.start * step;
      const w = (b.end - b.start) * step;
      const labelY = n % 2 === 0 ? 20 : 8;
      const room = (n + 2 < bands.length ? (bands[n + 2].start - b.start) * step : Infinity) - 4;
      const fits = Math.max(1, Math.floor(room / charWidth));
      const label = b.state.length <= fits ? b.state : b.state.slice(0, Math.max(fits - 1, 1)) + '…';
      parts.push('<rect x="' + x + '" y="26" width="' + w + '" height="26" rx="3" fill="' + stateColour(b.state) +
        '"><title>' + esc(b.state) + '</title></rect><text x="' + (x + 2) + '" y="' + labelY + '" class="state">' +
        esc(label) + '<title>' + esc(b.state) + '</title></text>');
      if (n > 0) parts.push('<line x1="' + x + '" y1="' + (labelY - 8) + '" x2="' + x + '" y2="56" class="transition"/>');
    });
    shown.forEach((i, k) => {
      const r = state.records[i];
      const cx = left + k * step + step / 2;
      const label = 'line ' + r.line + ': ' + (r.type || '?') + ' → ' + (r.session.state || '') + (r.ok ? '' : ' — ' + verdictText(r));
      const cls = r.session.error ? 'rejected' : (r.ok ? 'ok' : 'failed');
      parts.push('<g class="msg ' + cls + '" data-index="' + i + '" tabindex="0" role="button" aria-label="' + esc(label) + '">' +
        '<title>' + esc(label) + '</title>' +
        (r.session.error
          ? '<path d="M' + (cx - 6) + ' 33l12 12M' + (cx + 6) + ' 33l-12 12"/>'
          : '<circle cx="' + cx + '" cy="39" r="6"/>') +
        '<text x="' + cx + '" y="70" text-anchor="middle">' + r.line + '</text></g>');
    });
    const note = indices.length > shown.length ? '<p class="hint">First ' + shown.length + ' of ' + indices.length + ' messages.</p>' : '';
    out.push('<figure class="timeline"><figcaption>' + esc(key) + '</figcaption><div class="svg-wrap"><svg role="img" aria-label="' +
      esc('session of ' + key) + '" width="' + width + '" height="78" viewBox="0 0 ' + width + ' 78">' + parts.join('') +
      '</svg></div>' + note + '</figure>');
  }
  $('timelines').innerHTML = out.join('');
  $('sessions').hidden = devices.size === 0;
}

async function run() {
  const started = performance.now();
  const text = $('capture').value;
  const status = $('status');
  delete status.dataset.paintMs;
  state.lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let result;
  try {
    if (!state.module) await loadCore();
    result = await inspectCapture(text);
  } catch (e) {
    status.textContent = 'Error: ' + e.message;
    status.className = 'failed';
    return;
  }
  state.records = result.records;
  state.rowLimit = rowsPerPage;
  const failed = state.records.filter((r) => !r.ok).length;
  const t0 = performance.now();
  renderTable();
  renderTimelines();
  $('detail').hidden = true;
  $('lines').hidden = false;
  const renderMs = performance.now() - t0;
  status.className = failed ? 'failed' : 'ok';
  status.textContent = state.records.length === 0
    ? 'No message lines (only comments or blank lines).'
    : state.records.length + ' message lines, ' + (failed ? failed + ' FAILED' : 'all ok') + ' — inspected in ' +
      result.ms.toFixed(0) + ' ms, shown in ' + renderMs.toFixed(0) + ' ms.';
  status.dataset.inspectMs = result.ms.toFixed(1);
  status.dataset.renderMs = renderMs.toFixed(1);
  status.dataset.records = String(state.records.length);
  const firstFailed = state.records.findIndex((r) => !r.ok);
  if (firstFailed >= 0) renderDetail(firstFailed);
  // From the key press to the frame after the result is laid out (what the user waits).
  requestAnimationFrame(() => setTimeout(() => { status.dataset.paintMs = (performance.now() - started).toFixed(1); }, 0));
}

// --- input and keyboard ---------------------------------------------------------------------

function select(index, focusRow) {
  renderDetail(index);
  document.querySelectorAll('tr.selected').forEach((tr) => tr.classList.remove('selected'));
  const tr = document.querySelector('#table tr[data-index="' + index + '"]');
  if (tr) {
    tr.classList.add('selected');
    if (focusRow) tr.focus();
  }
}

function wire() {
  $('inspect').addEventListener('click', run);
  $('capture').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $('file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (f) { $('capture').value = await f.text(); run(); }
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer.files[0];
    if (f) { $('capture').value = await f.text(); run(); }
  });
  $('only-failed').addEventListener('change', renderTable);
  $('clear').addEventListener('click', () => {
    $('capture').value = '';
    state.records = [];
    renderTable();
    renderTimelines();
    $('detail').hidden = true;
    $('lines').hidden = true;
    $('status').textContent = 'Ready.';
    $('status').className = '';
    $('capture').focus();
  });
  const tbody = $('table').tBodies[0];
  tbody.addEventListener('click', (e) => {
    if (e.target.id === 'more') {
      const first = state.rowLimit;
      state.rowLimit += rowsPerPage;
      renderTable();
      if (tbody.rows[first]) tbody.rows[first].focus();  // the keyboard carries on where it was
      return;
    }
    const tr = e.target.closest('tr');
    if (tr && tr.classList.contains('more')) return;
    if (tr) select(Number(tr.dataset.index), false);
  });
  tbody.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr');
    if (!tr || tr.classList.contains('more')) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(Number(tr.dataset.index), true); }
    const next = e.key === 'ArrowDown' ? tr.nextElementSibling : e.key === 'ArrowUp' ? tr.previousElementSibling : null;
    if (next) { e.preventDefault(); next.focus(); }
  });
  const timelines = $('timelines');
  const pick = (e) => {
    const g = e.target.closest('g.msg');
    if (!g) return;
    if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    select(Number(g.dataset.index), false);
    $('detail').scrollIntoView({ block: 'nearest' });
  };
  timelines.addEventListener('click', pick);
  timelines.addEventListener('keydown', pick);
}

wire();
loadCore().then(() => {
  $('inspect').disabled = false;
  $('status').textContent = 'Ready.';
  document.body.dataset.ready = 'true';
}, (e) => {
  $('status').textContent = 'Error: the inspector could not be loaded (' + e.message + ').';
  $('status').className = 'failed';
});
