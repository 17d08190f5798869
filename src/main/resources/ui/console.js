// Tandem's web console: changes go through the JSON API (the session cookie, and the CSRF token
// the page carries); "where is my change" follows a serial with server-sent events. Everything
// shown comes in as text (textContent), never as markup.
const csrf = document.querySelector('meta[name="csrf"]')?.content;
const zoneSection = document.getElementById('zone');
const zone = zoneSection?.dataset.zone;

async function api(method, path, body) {
  const headers = { 'X-CSRF-Token': csrf };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try { json = await r.json(); } catch (e) { json = null; }
  return { status: r.status, json };
}

function say(form, text, ok) {
  const out = form.querySelector('output');
  out.textContent = text;
  out.className = 'message ' + (ok ? 'ok' : 'error');
}

function words(s) {
  return (s || '').split(/[\s,]+/).filter(w => w.length > 0);
}

// "192.0.2.53", "192.0.2.53:5300", "[2001:db8::53]:5300" -> the address alone, for allow-transfer
function addressOf(target) {
  if (target.startsWith('[')) return target.slice(1, target.indexOf(']'));
  const colons = (target.match(/:/g) || []).length;
  return colons === 1 ? target.slice(0, target.indexOf(':')) : target;
}

const create = document.getElementById('create-zone');
if (create) {
  create.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = new FormData(create);
    const secondaries = words(f.get('secondaries'));
    const body = { name: f.get('name').trim(), nameservers: words(f.get('nameservers')) };
    if (secondaries.length > 0) {
      body.notify = secondaries;
      body['allow-transfer'] = secondaries.map(addressOf);
      body['notify-ns'] = false;
    }
    const r = await api('POST', '/api/v1/zones', body);
    if (r.status === 201) {
      location.assign('/ui/zones/' + encodeURIComponent(r.json.name));
    } else {
      say(create, r.json?.error || ('HTTP ' + r.status), false);
    }
  });
}

function rrsetPath(name, type) {
  return '/api/v1/zones/' + encodeURIComponent(zone) + '/rrsets/' + encodeURIComponent(name) + '/' + encodeURIComponent(type);
}

function afterChange(form, r) {
  if (r.status === 200 || r.status === 204) {
    const serial = r.json?.serial;
    location.assign('/ui/zones/' + encodeURIComponent(zone) + (serial ? '?follow=' + serial : ''));
  } else if (r.status === 409) {
    say(form, 'Someone changed this zone meanwhile: ' + (r.json?.error || '') + ' Reload the page to see their change, then try again.', false);
  } else {
    say(form, r.json?.error || ('HTTP ' + r.status), false);
  }
}

const rrsetForm = document.getElementById('rrset-form');
if (rrsetForm) {
  rrsetForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = new FormData(rrsetForm);
    const records = (f.get('records') || '').split('\n').map(l => l.trim()).filter(l => l.length > 0);
    const body = { ttl: Number(f.get('ttl') || 3600), records, 'expected-serial': Number(zoneSection.dataset.serial) };
    afterChange(rrsetForm, await api('PUT', rrsetPath(f.get('name').trim(), f.get('type').trim()), body));
  });
  for (const row of document.querySelectorAll('#rrsets tbody tr')) {
    row.querySelector('button.edit')?.addEventListener('click', () => {
      rrsetForm.querySelector('#rr-name').value = row.dataset.name;
      rrsetForm.querySelector('#rr-type').value = row.dataset.type;
      rrsetForm.querySelector('#rr-ttl').value = row.dataset.ttl;
      rrsetForm.querySelector('#rr-data').value = [...row.querySelectorAll('.rdata li')].map(li => li.textContent).join('\n');
      rrsetForm.querySelector('#rr-data').focus();
    });
    row.querySelector('button.delete')?.addEventListener('click', async () => {
      if (!confirm('Delete ' + row.dataset.name + ' ' + row.dataset.type + '?')) return;
      const path = rrsetPath(row.dataset.name, row.dataset.type) + '?expected-serial=' + zoneSection.dataset.serial;
      afterChange(rrsetForm, await api('DELETE', path));
    });
  }
}

// where is my change: ?follow=SERIAL after a save
const follow = new URLSearchParams(location.search).get('follow');
const panel = document.getElementById('follow');
if (follow && panel && zone) {
  panel.hidden = false;
  const body = panel.querySelector('tbody');
  const message = panel.querySelector('.message');
  const rows = new Map();
  message.textContent = 'Serial ' + follow + ' is served here; following it to every secondary…';
  const row = (who, kind) => {
    if (rows.has(who)) return rows.get(who);
    const tr = document.createElement('tr');
    tr.className = 'waiting';
    tr.dataset.who = who;
    for (const text of [who + (kind === 'nameserver' ? ' (monitored)' : ''), 'waiting', '']) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    body.appendChild(tr);
    rows.set(who, tr);
    return tr;
  };
  const events = new EventSource('/ui/zones/' + encodeURIComponent(zone) + '/follow?serial=' + encodeURIComponent(follow));
  events.addEventListener('targets', e => {
    const t = JSON.parse(e.data);
    t.secondaries.forEach(s => row(s, 'secondary'));
    t.nameservers.forEach(s => row(s, 'nameserver'));
  });
  events.addEventListener('reached', e => {
    const r = JSON.parse(e.data);
    const tr = row(r.who, r.kind);
    tr.className = 'reached';
    tr.children[1].textContent = 'yes (serial ' + r.serial + ')';
    tr.children[2].textContent = r.millis === null ? '' : r.millis + ' ms';
  });
  events.addEventListener('done', e => {
    const d = JSON.parse(e.data);
    message.textContent = d.of === 0 ? 'Served here; no secondary is known to follow this zone.'
      : d.reached === d.of ? 'Every secondary and nameserver has serial ' + d.serial + '.'
      : d.reached + ' of ' + d.of + ' have serial ' + d.serial + '.';
    panel.dataset.done = 'true';
    events.close();
  });
  events.onerror = () => {
    if (panel.dataset.done !== 'true') message.textContent += ' (the stream ended; reload to see where it is)';
    events.close();
  };
}
