// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  // the workspace switcher submits when a workspace is chosen
  function autosubmit() {
    document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
      s.addEventListener('change', function () { s.form.submit(); });
    });
  }

  // drag and drop onto the upload area puts the file into the file input
  function dropzone() {
    document.querySelectorAll('[data-dropzone]').forEach(function (zone) {
      var input = zone.querySelector('input[type=file]');
      var chosen = zone.querySelector('[data-chosen]');
      function show() {
        if (chosen) { chosen.textContent = input.files.length ? input.files[0].name : ''; }
      }
      input.addEventListener('change', show);
      ['dragenter', 'dragover'].forEach(function (t) {
        zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.remove('over'); });
      });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files.length) {
          input.files = e.dataTransfer.files;
          show();
        }
      });
    });
  }

  // the new-field inputs show only for rows mapped to a new custom field
  function newFields() {
    document.querySelectorAll('select[data-target-select]').forEach(function (select) {
      var box = select.parentElement.querySelector('[data-new-field]');
      function sync() { box.hidden = select.value !== 'new'; }
      select.addEventListener('change', sync);
      sync();
    });
  }

  // the import tag field is off while 'do not add the import tag' is ticked
  function importTag() {
    document.querySelectorAll('[data-import-tag]').forEach(function (box) {
      var text = box.querySelector('input[name=importTag]');
      var remove = box.querySelector('input[name=removeImportTag]');
      function sync() { text.disabled = remove.checked; }
      remove.addEventListener('change', sync);
      sync();
    });
  }

  // the progress bar follows the import without reloading; at the end the page shows the outcome
  function progress() {
    var section = document.getElementById('progress-section');
    if (!section || section.getAttribute('data-status') !== 'running') { return; }
    var url = section.getAttribute('data-progress-url');
    var bar = document.getElementById('progress');
    var text = document.getElementById('progress-text');
    var status = document.getElementById('status');
    function poll() {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (p) {
          bar.max = p.total;
          bar.value = p.rows_done;
          text.textContent = p.text;
          status.textContent = p.status_text;
          status.setAttribute('data-status', p.status);
          if (p.status === 'running') {
            setTimeout(poll, 700);
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          section.querySelector('[data-reload-hint]').hidden = false;
          setTimeout(poll, 3000);
        });
    }
    setTimeout(poll, 300);
  }

  ready(function () {
    autosubmit();
    dropzone();
    newFields();
    importTag();
    progress();
  });
})();
