// Progressive enhancement only: every page works without this file, except the charts (which have table twins).
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // htmx requests carry the session's CSRF token like the forms do.
  document.addEventListener('htmx:configRequest', function (event) {
    var header = document.querySelector('meta[name=csrf-header]');
    var token = document.querySelector('meta[name=csrf-token]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  });

  function showConnectMethod(form) {
    var chosen = form.querySelector('input[name=method]:checked');
    form.querySelectorAll('fieldset.method').forEach(function (set) {
      set.hidden = !chosen || set.dataset.method !== chosen.value;
    });
  }

  function charts(root) {
    if (!window.echarts) {
      return;
    }
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source) {
        return;
      }
      var existing = window.echarts.getInstanceByDom(el);
      if (existing) {
        existing.dispose();
      }
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(JSON.parse(source.textContent));
    });
  }

  window.addEventListener('resize', function () {
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = window.echarts && window.echarts.getInstanceByDom(el);
      if (chart) {
        chart.resize();
      }
    });
  });

  function enhance(root) {
    root.querySelectorAll('[data-connect-form]').forEach(function (form) {
      showConnectMethod(form);
      form.addEventListener('change', function () { showConnectMethod(form); });
    });
    root.querySelectorAll('[data-range-preset]').forEach(function (select) {
      select.addEventListener('change', function () {
        var custom = document.querySelector('[data-custom-range]');
        if (custom) {
          custom.hidden = select.value !== 'custom';
        }
      });
    });
    charts(root);
  }

  document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  document.addEventListener('htmx:afterSettle', function (event) { charts(event.target); });
})();
