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
      chart.setOption(formatted(JSON.parse(source.textContent), el.clientWidth < 480));
    });
  }

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // "2026-11-04" as the page prints dates: "4 Nov 2026" (or "4 Nov" on an axis)
  function day(iso, withYear) {
    var parts = String(iso).split('-');
    if (parts.length !== 3) {
      return iso;
    }
    var text = Number(parts[2]) + ' ' + MONTHS[Number(parts[1]) - 1];
    return withYear ? text + ' ' + parts[0] : text;
  }

  function moneyFormats(currency) {
    try {
      return {
        exact: new Intl.NumberFormat('en-US', { style: 'currency', currency: currency }),
        compact: new Intl.NumberFormat('en-US', { style: 'currency', currency: currency, notation: 'compact',
          maximumFractionDigits: 1 })
      };
    } catch (unknownCurrency) {
      var plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
      return { exact: { format: function (v) { return plain.format(v) + ' ' + currency; } },
        compact: { format: function (v) { return plain.format(v) + ' ' + currency; } } };
    }
  }

  // JSON cannot carry formatter functions, so the options say what to format and the functions are added here.
  function formatted(options, narrow) {
    var format = options.format;
    delete options.format;
    if (!format) {
      return options;
    }
    var money = moneyFormats(format.currency);
    var count = new Intl.NumberFormat('en-US');
    var isMoney = function (name) { return name === 'Revenue'; };
    options.tooltip.formatter = function (params) {
      var rows = [].concat(params);
      var head = format.dates ? day(rows[0].axisValue, true) : rows[0].axisValue;
      var escape = function (text) {
        var div = document.createElement('div');
        div.textContent = text;
        return div.innerHTML;
      };
      return '<strong>' + escape(head) + '</strong><br>' + rows.map(function (p) {
        var value = isMoney(p.seriesName) ? money.exact.format(Number(p.value)) : count.format(Number(p.value));
        return p.marker + escape(p.seriesName) + ': <strong>' + value + '</strong>';
      }).join('<br>');
    };
    [].concat(options.xAxis, options.yAxis).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      if (axis.type === 'category' && format.dates) {
        var data = axis.data || [];
        var years = data.length > 0 && String(data[0]).slice(0, 4) !== String(data[data.length - 1]).slice(0, 4);
        axis.axisLabel.formatter = function (value) { return day(value, years); };
        axis.axisLabel.hideOverlap = true;
      } else if (axis.type === 'value') {
        var moneyAxis = axis.name !== 'Orders';
        axis.axisLabel.formatter = function (value) {
          return moneyAxis ? money.compact.format(value) : count.format(value);
        };
        if (narrow) {
          axis.name = moneyAxis ? format.currency : '';
        }
      }
    });
    if (narrow) {
      [].concat(options.xAxis, options.yAxis).forEach(function (axis) {
        axis.axisLabel.fontSize = 10;
        if (axis.type === 'category' && !format.dates) {
          axis.axisLabel.width = 90;
        }
      });
    }
    (options.series || []).forEach(function (series) {
      if (series.label && series.label.show) {
        series.label.formatter = function (p) { return money.compact.format(Number(p.value)); };
        if (narrow) {
          series.label.fontSize = 10;
        }
      }
    });
    return options;
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
