/** The page's style sheet: inline, nothing fetched. */
export const REPORT_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 14px; color: #1d2433; }
body { margin: 0 auto; padding: 16px 24px; max-width: 1400px; background: #f6f7f9; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.meta { color: #5b6475; margin-bottom: 12px; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
.count-box { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: 6px 12px; }
.count-box b { font-size: 18px; display: block; }
.count-box.failed b { color: #b42318; } .count-box.flaky b { color: #b54708; }
.count-box.disagrees b { color: #6941c6; }
section.alert { background: #fef3f2; border: 2px solid #d92d20; border-radius: 6px; padding: 8px 12px; }
section.alert li.deny { font-weight: 600; }
section.ok { background: #ecfdf3; border: 1px solid #12b76a; border-radius: 6px; padding: 8px 12px; }
section.errors { background: #fef3f2; border: 2px solid #d92d20; padding: 8px 12px; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border: 1px solid #e1e4ea; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #eef0f4; }
.matrix { width: auto; } .matrix td { min-width: 260px; }
tr.detail td { border-top: none; padding: 0 6px 4px 24px; background: #fbfcfd; }
tr.detail summary { cursor: pointer; color: #475467; font-size: 12px; }
.chip { display: block; margin: 2px 0; padding: 4px 6px; border-radius: 4px; text-decoration: none; color: inherit;
  border: 2px solid transparent; }
.chip .exp { display: block; font-size: 12px; color: #475467; }
.chip .scn { display: block; font-size: 11px; color: #475467; } .chip .obs { font-weight: 600; }
.o-allowed.chip, tr.o-allowed td.obs { background: #d1fadf; }
.o-denied.chip, tr.o-denied td.obs { background: #dbe7ff; }
.o-error.chip, tr.o-error td.obs { background: #fde2c8; }
.chip.s-failed { border-color: #d92d20; } .chip.s-flaky { border: 2px dashed #dc6803; }
.chip.m-disagrees { outline: 2px solid #7a5af8; }
tr.call.s-failed td.status { background: #fee4e2; color: #b42318; font-weight: 700; }
tr.call.s-flaky td.status { background: #fef0c7; color: #b54708; font-weight: 700; }
tr.call.m-disagrees td.status { box-shadow: inset 4px 0 #7a5af8; }
.badge { display: inline-block; margin-left: 4px; padding: 0 4px; font-size: 11px; border-radius: 3px;
  background: #b42318; color: #fff; }
.badge.model { background: #6941c6; }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
pre.response { white-space: pre-wrap; word-break: break-word; background: #f2f4f7; padding: 6px; margin: 4px 0; }
.explanation { border-left: 3px solid #98a2b3; padding-left: 8px; margin-top: 6px; }
.layer { margin-top: 4px; } .note { color: #5b6475; font-size: 12px; } .file { color: #5b6475; font-size: 12px; }
li.nomatch b { color: #b42318; } li.match b { color: #067647; } .bad { color: #b42318; }
.stmt.deny { color: #b42318; font-weight: 600; } .stmt.allow { color: #067647; font-weight: 600; }
tr.uncovered { background: #fef3f2; } .coverage td.count { text-align: right; }
.hidden { display: none !important; }
`;

/** The page's script: the filters (scenario, caller, service, status) over the rows and the matrix's chips. */
export const REPORT_JS = `
(function () {
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  function apply() {
    var wanted = {};
    selects.forEach(function (s) { wanted[s.getAttribute('data-filter')] = s.value; });
    var visible = 0;
    document.querySelectorAll('tr.call, a.chip').forEach(function (el) {
      var show = Object.keys(wanted).every(function (key) {
        var want = wanted[key];
        if (!want) return true;
        var value = el.getAttribute('data-' + key) || '';
        return key === 'status' ? value.split(' ').indexOf(want) >= 0 : value === want;
      });
      el.classList.toggle('hidden', !show);
      var detail = el.tagName === 'TR' ? document.getElementById(el.id + '-details') : null;
      if (detail) detail.classList.toggle('hidden', !show);
      if (show && el.tagName === 'TR') visible++;
    });
    document.getElementById('visible-count').textContent = String(visible);
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  function openHash() {
    var row = location.hash && document.getElementById(location.hash.slice(1) + '-details');
    var why = row && row.querySelector('details');
    if (why) why.open = true;
  }
  window.addEventListener('hashchange', openHash);
  openHash();
  apply();
})();
`;
